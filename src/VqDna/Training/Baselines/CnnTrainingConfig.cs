using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>How the convolutional baseline is trained: AdamW with warm-up and cosine decay, model selection on dev MCC, early stopping.</summary>
/// <param name="Channels">Filters per convolution.</param>
/// <param name="KernelSize">Convolution width in bases (odd).</param>
/// <param name="PoolSize">Max-pool width after each convolution.</param>
/// <param name="Dropout">Dropout before the classifier.</param>
/// <param name="Epochs">Passes over the training split at most.</param>
/// <param name="BatchSize">Sequences per step.</param>
/// <param name="LearningRate">Peak AdamW learning rate.</param>
/// <param name="WeightDecay">AdamW weight decay.</param>
/// <param name="Patience">Dev evaluations (four per epoch) without a better MCC before stopping, never in the first quarter of the run
/// (<see cref="BestModelTracker.MinimumShareOfRun"/>); 0 never stops.</param>
/// <param name="Seed">Seeds the weights, batch order and dropout.</param>
/// <param name="ReverseComplement">Read each training row on its reverse strand half the time (<see cref="StrandAugmentation"/>),
/// as a fine-tuning run given the same setting does.</param>
public sealed record CnnTrainingConfig(
    int Channels = 64,
    int KernelSize = 9,
    int PoolSize = 3,
    double Dropout = 0.2,
    double Epochs = CnnTrainingConfig.DefaultEpochs,
    int BatchSize = 64,
    double LearningRate = 1e-3,
    double WeightDecay = 0.01,
    int Patience = 8,
    ulong Seed = 0,
    bool ReverseComplement = false)
{
    /// <summary>
    /// Passes over the training split at most when none are given: the same as the fine-tuning runs it is read against
    /// (<see cref="FinetuneConfig.DefaultEpochs"/>), early stopping ending it sooner. Genomic Benchmarks' 10 cut it short
    /// while it was still improving (17 of 24 runs on our tasks reached that cap, their best at steps 264–312 of 313), and a baseline cut short
    /// flatters every model beside it: at 20 it rose from 0.502 to 0.702 on tf_foxa1, 0.723 to 0.773 on tf_sp1, 0.620 to
    /// 0.774 on splice_60 (test MCC, seeds 0–2, 2,000 rows; README, *Classical baselines*).
    /// </summary>
    public const double DefaultEpochs = FinetuneConfig.DefaultEpochs;

    /// <summary>Evaluations per epoch.</summary>
    public const int EvaluationsPerEpoch = 4;

    /// <summary>Checks every setting is in range; returns this, or throws naming the setting.</summary>
    public CnnTrainingConfig Validate()
    {
        if (!double.IsFinite(Epochs) || Epochs <= 0 || Epochs > 1000) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be in (0, 1000]");
        if (BatchSize is < 1 or > 65_536) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be in 1..65536");
        if (Patience < 0) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "must be non-negative");
        Optimization(1).Validate();
        return this;
    }

    /// <summary>Optimizer steps for <paramref name="examples"/> training sequences.</summary>
    public int Steps(int examples) => (int)Math.Max(1, Math.Ceiling(Epochs * examples / (double)BatchSize));

    /// <summary>Steps between dev evaluations.</summary>
    public int EvaluateEvery(int examples) => Math.Max(1, (int)Math.Ceiling(examples / (double)BatchSize / EvaluationsPerEpoch));

    /// <summary>The optimisation of a run of <paramref name="steps"/> steps.</summary>
    public OptimizationConfig Optimization(int steps) =>
        new(Steps: steps, LearningRate: LearningRate, WeightDecay: WeightDecay, CheckpointEvery: Math.Max(1, Math.Min(100, steps)), Seed: Seed);
}
