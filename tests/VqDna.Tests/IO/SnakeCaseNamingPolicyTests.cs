using System.Text.Json;
using VqDna.IO;
using VqDna.Torch.NN;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.IO;

/// <summary>Our JSON keys are snake_case with acronyms kept whole (issue 20: metrics.json had a key "lo_ra").</summary>
public sealed class SnakeCaseNamingPolicyTests
{
    [Theory]
    [InlineData("LoRA", "lora")]
    [InlineData("LearningRate", "learning_rate")]
    [InlineData("MaxTrainExamples", "max_train_examples")]
    [InlineData("KMeansInit", "k_means_init")]
    public void NamesAreSnakeCaseWithAcronymsWhole(string name, string expected) =>
        Assert.Equal(expected, SnakeCaseNamingPolicy.Instance.ConvertName(name));

    [Fact]
    public void AFinetuneConfigWritesLoraNotLoRa()
    {
        var config = new FinetuneConfig(FinetuneMode.Lora, new LoRAConfig(), new OptimizationConfig(Steps: 1, LearningRate: 1e-4, Seed: 1), Epochs: 1, BatchSize: 8, Patience: 0);
        var json = JsonSerializer.Serialize(config, JsonFiles.Options);
        Assert.Contains("\"lora\":", json);
        Assert.DoesNotContain("lo_ra", json);
    }
}
