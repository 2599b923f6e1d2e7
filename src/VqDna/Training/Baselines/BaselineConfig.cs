using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>The settings of both classical baselines; one seed for both.</summary>
/// <param name="KmerLr">The k-mer logistic regression.</param>
/// <param name="Cnn">The convolutional network.</param>
/// <param name="MaxTrainExamples">Train on at most this many examples, the same fixed subset a fine-tuning run of the
/// same seed uses (<see cref="Engine.TrainingSubset"/>); 0 for all.</param>
/// <param name="MaxDevExamples">Choose settings and stop on at most this many dev examples, the subset a fine-tuning run of
/// the same seed selects on; 0 for all.</param>
public sealed record BaselineConfig(KmerLrConfig KmerLr, CnnTrainingConfig Cnn, int MaxTrainExamples = 0, int MaxDevExamples = 0)
{
    /// <summary>Both baselines with their default settings.</summary>
    public BaselineConfig() : this(new KmerLrConfig(), new CnnTrainingConfig()) { }

    /// <summary>
    /// The baselines read against a fine-tuning run of <paramref name="finetune"/>: its training and dev subsets and its
    /// seed, the CNN given as many passes as the run (when it counts epochs; the defaults otherwise) and its strand
    /// augmentation. `vqdna finetune` and `vqdna bench` both fit their baselines with this.
    /// </summary>
    public static BaselineConfig Matching(FinetuneConfig finetune)
    {
        var cnn = (finetune.Optimization.Steps == 0 ? new CnnTrainingConfig(Epochs: finetune.Epochs) : new CnnTrainingConfig()) with { ReverseComplement = finetune.ReverseComplement };
        return new BaselineConfig(new KmerLrConfig(), cnn, finetune.MaxTrainExamples, finetune.MaxDevExamples).WithSeed(finetune.Optimization.Seed);
    }

    /// <summary>The seed both baselines share.</summary>
    public ulong Seed => KmerLr.Seed;

    /// <summary>Both baselines with seed <paramref name="seed"/>.</summary>
    public BaselineConfig WithSeed(ulong seed) => this with { KmerLr = KmerLr with { Seed = seed }, Cnn = Cnn with { Seed = seed } };

    /// <summary>Checks both baselines' settings; returns this, or throws naming the setting.</summary>
    public BaselineConfig Validate()
    {
        KmerLr.Validate();
        Cnn.Validate();
        if (MaxTrainExamples < 0) throw new ArgumentOutOfRangeException(nameof(MaxTrainExamples), MaxTrainExamples, "must be non-negative");
        if (MaxDevExamples < 0) throw new ArgumentOutOfRangeException(nameof(MaxDevExamples), MaxDevExamples, "must be non-negative");
        if (KmerLr.Seed != Cnn.Seed) throw new ArgumentException($"the baselines' seeds differ ({KmerLr.Seed}, {Cnn.Seed}): set both with WithSeed");
        return this;
    }
}
