using VqDna.Reports;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Reports;

/// <summary>Reports and model cards describe the recipe that ran, from its settings.</summary>
public sealed class FinetuneRecipeTextTests
{
    [Fact]
    public void NamesTheModeTheLearningRateTheBudgetAndTheStopping()
    {
        var lora = FinetuneRecipeText.Of(FinetuneConfig.Default(FinetuneMode.Lora) with { Epochs = 3, Patience = 2 });
        Assert.Equal("LoRA (r 8, α 32, dropout 0.05 on query and value) plus a classification head, learning rate 0.001, 3 epochs, batch 32, " +
            "stopped after 2 epochs without a better dev MCC, the weights with the best dev MCC kept", lora);
        var full = FinetuneRecipeText.Of(FinetuneConfig.Default(FinetuneMode.Full) with { Epochs = 10, Patience = 0 });
        Assert.StartsWith("full fine-tuning (every encoder weight and the classification head), the head reading the mean and the max over the tokens, learning rate 0.0001, 10 epochs", full);
        var mean = FinetuneRecipeText.Of(FinetuneConfig.Default(FinetuneMode.Full) with { Pooling = VqDna.Models.Encoder.SequencePooling.Mean });
        Assert.StartsWith("full fine-tuning (every encoder weight and the classification head), learning rate 0.0001", mean);
        Assert.DoesNotContain("stopped", full);
        var steps = FinetuneRecipeText.Of(FinetuneConfig.Default(FinetuneMode.Probe) with { Optimization = FinetuneConfig.Default().Optimization with { Steps = 40 } });
        Assert.Contains("linear probe", steps);
        Assert.Contains("40 steps", steps);
        var subset = FinetuneRecipeText.Of(FinetuneConfig.Default() with { MaxDevExamples = 1000 });
        Assert.EndsWith("the weights with the best dev MCC (on at most 1000 dev examples) kept", subset);
        Assert.DoesNotContain("reverse strand", full);
        Assert.Contains("batch 32, each training row read on its reverse strand half the time, the weights",
            FinetuneRecipeText.Of(FinetuneConfig.Default() with { ReverseComplement = true }));
        Assert.DoesNotContain("warm-up", full);
        Assert.DoesNotContain("weight decay", full);
        var regularised = FinetuneConfig.Default() with
        {
            Optimization = FinetuneConfig.Default().Optimization with { WarmupSteps = 50, WeightDecay = 0.1 },
            Dropout = 0.2,
        };
        Assert.Contains("learning rate 0.0001, 50 warm-up steps, weight decay 0.1, dropout 0.2, 20 epochs", FinetuneRecipeText.Of(regularised));
        Assert.DoesNotContain("of the peak", full);
        Assert.Contains("learning rate 0.0001, decayed to 0% of the peak, 20 epochs", FinetuneRecipeText.Of(WithMinLrRatio(0)));
        Assert.Contains("learning rate 0.0001, held constant after the warm-up, 20 epochs", FinetuneRecipeText.Of(WithMinLrRatio(1)));
        Assert.Contains("learning rate 0.0001, a linear head, the embedding frozen, 20 epochs",
            FinetuneRecipeText.Of(FinetuneConfig.Default() with { LinearHead = true, FreezeEmbedding = true }));
    }

    [Fact]
    public void AChartTitleNamesThePoolingAndOnlyTheSettingsThatDifferFromTheDefaults()
    {
        Assert.Equal("mean-max pooling", FinetuneRecipeText.ShortLabel(FinetuneConfig.Default()));
        Assert.Equal("mean pooling", FinetuneRecipeText.ShortLabel(FinetuneConfig.Default(FinetuneMode.Lora)));
        var changed = WithMinLrRatio(1) with
        {
            Optimization = WithMinLrRatio(1).Optimization with { LearningRate = 3e-5, WarmupSteps = 0, WeightDecay = 0.1 },
            ReverseComplement = true, Dropout = 0, LinearHead = true, FreezeEmbedding = true, PooledBatchNorm = true,
        };
        Assert.Equal("mean-max pooling, rc-augment, lr 3E-05, warm-up 0, min lr ratio 1, weight decay 0.1, dropout 0, linear head, frozen embedding, pooled batchnorm",
            FinetuneRecipeText.ShortLabel(changed));
        // The model card names the same settings, in the same order, in its own words.
        Assert.Contains("learning rate 3E-05, 0 warm-up steps, held constant after the warm-up, weight decay 0.1, dropout 0, a linear head, the embedding frozen, " +
            "the pooled vector batch-normalised before the head, 20 epochs",
            FinetuneRecipeText.Of(changed));
    }

    private static FinetuneConfig WithMinLrRatio(double ratio) =>
        FinetuneConfig.Default() with { Optimization = FinetuneConfig.Default().Optimization with { MinLrRatio = ratio } };
}
