using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Training.Finetuning;

/// <summary>How a fine-tuning config turns epochs into steps, evaluations and patience.</summary>
public sealed class FinetuneConfigTests
{
    [Fact]
    public void PatienceIsCountedInEpochsOfEvaluations()
    {
        // 1,000 rows in batches of 32: 31.25 steps an epoch, an evaluation every 8 steps (four an epoch, rounded up).
        var config = FinetuneConfig.Default() with { Patience = 2 };
        Assert.Equal(8, config.ResolveEvalEvery(1000));
        Assert.Equal(8, config.ResolvePatience(1000));                       // ⌈2 × 31.25 / 8⌉ = ⌈7.8⌉
        Assert.Equal(1, (config with { Patience = 0.1 }).ResolvePatience(1000)); // at least one evaluation
        Assert.Equal(0, (config with { Patience = 0 }).ResolvePatience(1000));   // never stops
        // Evaluating every step: two epochs are 63 evaluations (⌈62.5⌉), not 2.
        Assert.Equal(63, (config with { EvalEvery = 1 }).ResolvePatience(1000));
    }

    [Fact]
    public void ANegativeOrInfinitePatienceIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (FinetuneConfig.Default() with { Patience = -1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (FinetuneConfig.Default() with { Patience = double.PositiveInfinity }).Validate());
    }

    [Fact]
    public void TheDefaultRecipeUsesTheModesLearningRateAndTheSeed()
    {
        var config = FinetuneConfig.Default(FinetuneMode.Full, seed: 7);
        Assert.Equal(FinetuneMode.Full, config.Mode);
        Assert.Equal(FinetuneConfig.DefaultLearningRate(FinetuneMode.Full), config.Optimization.LearningRate);
        Assert.Equal(7UL, config.Optimization.Seed);
        Assert.Equal(0, config.Optimization.Steps);
        Assert.Equal(FinetuneConfig.DefaultEpochs, config.Epochs);
        Assert.Same(config, config.Validate());
    }
}
