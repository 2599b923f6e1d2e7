using VqDna.IO;
using VqDna.Models.Baselines;
using VqDna.Training.Baselines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna baseline`, named after their options.</summary>
/// <param name="Task">GUE-layout task folder (the task argument).</param>
/// <param name="Output">Output folder (--output); each baseline goes into a sub-folder named after it.</param>
/// <param name="Kinds">Comma-separated baselines (--kind).</param>
/// <param name="Seed">Random seed (--seed).</param>
/// <param name="MaxTrain">Most training examples (--max-train; 0: all).</param>
/// <param name="KeepCheckpoints">Keep the CNN's checkpoint, best weights and lock files when it finishes (--keep-checkpoints).</param>
/// <param name="MaxDev">Most dev examples (--max-dev; 0: all).</param>
/// <param name="CnnEpochs">The CNN's passes over the training split at most (--cnn-epochs).</param>
/// <param name="ReverseComplement">The CNN reads training rows on their reverse strand half the time (--rc-augment).</param>
internal sealed record BaselineSettings(string Task, string Output, string Kinds, ulong Seed, int MaxTrain = 0, bool KeepCheckpoints = false, int MaxDev = 0,
    double CnnEpochs = CnnTrainingConfig.DefaultEpochs, bool ReverseComplement = false) : IVerbSettings
{
    public void Validate()
    {
        Check.InputFolder("<task>", Task, "a task folder with train.csv, dev.csv and test.csv");
        Check.NonNegative("--max-train", MaxTrain);
        Check.NonNegative("--max-dev", MaxDev);
        Check.Config(() => new CnnTrainingConfig(Epochs: CnnEpochs).Validate(), ("Epochs", "--cnn-epochs"));
        Check.OutputFolder("--output", Output, reads: new ReadPath("<task>", Task));
        try
        {
            if (BaselineKinds.ParseList(Kinds).Count == 0) throw UsageException.Invalid("--kind", "one or more of kmer-lr, cnn", Kinds);
        }
        catch (ArgumentException e) { throw UsageException.Because($"--kind: {e.Message}"); }
    }

    /// <summary>The baselines to fit, in the order given.</summary>
    public IReadOnlyList<BaselineKind> KindList => BaselineKinds.ParseList(Kinds);

    /// <summary>The library's settings of both baselines.</summary>
    public BaselineConfig ToConfig()
    {
        var config = new BaselineConfig().WithSeed(Seed);
        return (config with { Cnn = config.Cnn with { Epochs = CnnEpochs, ReverseComplement = ReverseComplement }, MaxTrainExamples = MaxTrain, MaxDevExamples = MaxDev }).Validate();
    }
}
