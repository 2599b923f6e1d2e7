using VqDna.Torch.NN;
using VqDna.Torch.Optim;

namespace VqDna.Training.Engine;

/// <summary>
/// How any of our trainers optimises: AdamW with linear warm-up and cosine decay, clipping, gradient
/// accumulation and checkpoints. The one place where the optimisation defaults live; the tokenizer,
/// pre-training and fine-tuning configs each hold one.
/// </summary>
/// <param name="Steps">Optimizer steps in all.</param>
/// <param name="LearningRate">Peak AdamW learning rate.</param>
/// <param name="WarmupSteps">Linear warm-up steps; null for <see cref="DefaultWarmup"/> of <paramref name="Steps"/>.</param>
/// <param name="MinLrRatio">The cosine decays to this fraction of the peak.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay.</param>
/// <param name="GradientClip">Global gradient-norm limit.</param>
/// <param name="AccumulationSteps">Micro-batches summed into one optimizer step.</param>
/// <param name="CheckpointEvery">Steps between checkpoints.</param>
/// <param name="Seed">Seeds the weights and every step's random numbers.</param>
public sealed record OptimizationConfig(
    int Steps = OptimizationConfig.DefaultSteps,
    double LearningRate = 1e-3,
    int? WarmupSteps = null,
    double MinLrRatio = 0.1,
    double WeightDecay = 0.01,
    double GradientClip = 1.0,
    int AccumulationSteps = 1,
    int CheckpointEvery = 100,
    ulong Seed = OptimizationConfig.DefaultSeed)
{
    /// <summary>The seed when none is given.</summary>
    public const ulong DefaultSeed = 0;

    /// <summary>Steps when none are given.</summary>
    public const int DefaultSteps = 600;

    /// <summary>Learning rates above this are refused: AdamW diverges long before.</summary>
    public const double MaxLearningRate = 1.0;

    /// <summary>The warm-up rule: a tenth of the run, at most 100 steps.</summary>
    public static int DefaultWarmup(int steps) => Math.Min(100, steps / 10);

    /// <summary>
    /// The warm-up this run uses; null while <see cref="Steps"/> is 0, i.e. not yet resolved (fine-tuning counts epochs
    /// and resolves its steps from the training split), so a settings file never records a warm-up of 0 that the run
    /// will not use.
    /// </summary>
    public int? ResolvedWarmupSteps => WarmupSteps ?? (Steps > 0 ? DefaultWarmup(Steps) : null);

    /// <summary>The optimiser every trainer uses: AdamW over the model's trainable parameters at this peak rate and decay.</summary>
    public AdamW CreateOptimizer(Module model) =>
        new(model.Parameters().Where(p => p.requires_grad), lr: LearningRate, weight_decay: WeightDecay);

    /// <summary>Checks every setting is in range; returns this, or throws naming the setting.</summary>
    public OptimizationConfig Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be positive");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > MaxLearningRate)
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"must be a number in (0, {MaxLearningRate}]");
        if (WarmupSteps is < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be non-negative");
        if (!double.IsFinite(MinLrRatio) || MinLrRatio is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinLrRatio), MinLrRatio, "must be in [0, 1]");
        if (!double.IsFinite(WeightDecay) || WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be non-negative");
        if (!double.IsFinite(GradientClip) || GradientClip <= 0) throw new ArgumentOutOfRangeException(nameof(GradientClip), GradientClip, "must be positive");
        if (AccumulationSteps < 1) throw new ArgumentOutOfRangeException(nameof(AccumulationSteps), AccumulationSteps, "must be positive");
        if (CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "must be positive");
        return this;
    }
}
