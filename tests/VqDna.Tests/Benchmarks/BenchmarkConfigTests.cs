using VqDna.Benchmarks;
using VqDna.Training.Baselines;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Benchmarks;

/// <summary>
/// The CNN baseline a benchmark reads its models against gets as many passes as they do: at Genomic Benchmarks' 10
/// beside fine-tuning's 20 it was cut short while still improving, which flattered the models (README, *Classical baselines*).
/// </summary>
public sealed class BenchmarkConfigTests
{
    private static BenchmarkConfig Config(FinetuneConfig finetune) => new(Tasks: ["task"], Tokenizers: ["char"], Corpus: ["corpus.fa"], Finetune: finetune);

    [Fact]
    public void TheCnnTrainsAsManyEpochsAsTheFineTuningRuns()
    {
        var baselines = Config(BenchmarkConfig.DefaultFinetune(epochs: 3)).BaselineWithSeed(2);
        Assert.Equal(3, baselines.Cnn.Epochs);
        Assert.Equal(2UL, baselines.Cnn.Seed);
        Assert.Equal(2UL, baselines.KmerLr.Seed);
    }

    [Fact]
    public void FineTuningCountedInStepsLeavesTheCnnItsDefault() =>
        Assert.Equal(CnnTrainingConfig.DefaultEpochs, Config(BenchmarkConfig.DefaultFinetune(steps: 5)).BaselineWithSeed(0).Cnn.Epochs);

    [Fact]
    public void TheCnnsDefaultIsFineTuningsDefault() =>
        Assert.Equal(FinetuneConfig.DefaultEpochs, new CnnTrainingConfig().Epochs);
}
