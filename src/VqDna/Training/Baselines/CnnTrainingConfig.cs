using VqDna.Training.Engine;

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
/// <param name="Patience">Dev evaluations (four per epoch) without a better MCC before stopping; 0 never stops.</param>
/// <param name="Seed">Seeds the weights, batch order and dropout.</param>
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
    ulong Seed = 0)
{
    /// <summary>Passes over the training split at most when none are given: Genomic Benchmarks' CNN baseline trains 10.</summary>
    public const double DefaultEpochs = 10;

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
