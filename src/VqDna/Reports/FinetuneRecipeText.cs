using System.Globalization;
using VqDna.Models.Encoder;
using VqDna.Training.Finetuning;

namespace VqDna.Reports;

/// <summary>
/// One sentence naming how a model was fine-tuned (mode, what trains, learning rate, epochs, batch, selection), written
/// from the settings themselves so a report or model card never describes a recipe other than the one that ran.
/// </summary>
public static class FinetuneRecipeText
{
    /// <summary>E.g. "full fine-tuning (every encoder weight and the classification head), learning rate 0.0001, 10 epochs, batch 32".</summary>
    public static string Of(FinetuneConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        string what = config.Mode switch
        {
            FinetuneMode.Full => "full fine-tuning (every encoder weight and the classification head)",
            FinetuneMode.Probe => "a linear probe (a linear head on the frozen encoder)",
            _ => string.Create(inv, $"LoRA (r {config.LoRA.R}, α {config.LoRA.Alpha:G4}, dropout {config.LoRA.Dropout:G4} on {string.Join(" and ", config.LoRA.Targets)}) plus a classification head"),
        };
        string budget = config.Optimization.Steps > 0
            ? string.Create(inv, $"{config.Optimization.Steps} steps")
            : string.Create(inv, $"{config.Epochs:G4} epochs");
        string stop = config.Patience > 0 ? string.Create(inv, $", stopped after {config.Patience:G4} epochs without a better dev MCC") : "";
        if (config.Pooling != SequencePooling.Mean) what += config.Pooling == SequencePooling.MeanMax ? ", the head reading the mean and the max over the tokens" : $", the head reading the {config.Pooling.Name()} over the tokens";
        string strands = config.ReverseComplement ? ", each training row read on its reverse strand half the time" : "";
        string regularised = Regularisation(config);
        string dev = config.MaxDevExamples > 0 ? string.Create(inv, $" (on at most {config.MaxDevExamples} dev examples)") : "";
        return string.Create(inv, $"{what}, learning rate {config.Optimization.LearningRate:G4}{regularised}, {budget}, batch {config.BatchSize}{strands}{stop}, the weights with the best dev MCC{dev} kept");
    }

    /// <summary>
    /// The settings that tell one run's curves from another's, for a chart title: the pooling always, then only what differs
    /// from <see cref="FinetuneConfig.Default"/> for the mode, in the options' own words (e.g. "mean-max pooling, lr 3E-05,
    /// dropout 0, linear head"), so two runs of an ablation never draw alike-titled charts.
    /// </summary>
    public static string ShortLabel(FinetuneConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"{config.Pooling.Name()} pooling" };
        if (config.ReverseComplement) parts.Add("rc-augment");
        if (config.Optimization.LearningRate != FinetuneConfig.Default(config.Mode).Optimization.LearningRate)
            parts.Add(string.Create(inv, $"lr {config.Optimization.LearningRate:G4}"));
        parts.AddRange(SettingsOffTheDefaults(config).Select(setting => setting.Short));
        return string.Join(", ", parts);
    }

    /// <summary>The settings of <see cref="SettingsOffTheDefaults"/> in the model card's words; "" at the defaults.</summary>
    private static string Regularisation(FinetuneConfig config)
    {
        var parts = SettingsOffTheDefaults(config).Select(setting => setting.Long).ToList();
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }

    /// <summary>
    /// The warm-up, the decay's floor, weight decay, dropout, head and embedding where a run moved them off
    /// <see cref="FinetuneConfig.Default"/> (`--warmup-steps`, `--min-lr-ratio`, `--weight-decay`, `--dropout`,
    /// `--linear-head`, `--freeze-embedding`, `--pooled-batchnorm`), each phrased twice: in the options' words for a chart title and as the
    /// model card's sentence says it. One list, so the title and the card never disagree about what differs.
    /// </summary>
    private static IEnumerable<(string Short, string Long)> SettingsOffTheDefaults(FinetuneConfig config)
    {
        var inv = CultureInfo.InvariantCulture;
        var run = config.Optimization;
        var defaults = FinetuneConfig.Default(config.Mode).Optimization;
        if (run.WarmupSteps is { } warmup)
            yield return (string.Create(inv, $"warm-up {warmup}"), string.Create(inv, $"{warmup} warm-up steps"));
        if (run.MinLrRatio != defaults.MinLrRatio)
            yield return (string.Create(inv, $"min lr ratio {run.MinLrRatio:G4}"),
                run.MinLrRatio >= 1 ? "held constant after the warm-up" : string.Create(inv, $"decayed to {run.MinLrRatio * 100:G4}% of the peak"));
        if (run.WeightDecay != defaults.WeightDecay)
            yield return (string.Create(inv, $"weight decay {run.WeightDecay:G4}"), string.Create(inv, $"weight decay {run.WeightDecay:G4}"));
        if (config.Dropout is { } p)
            yield return (string.Create(inv, $"dropout {p:G4}"), string.Create(inv, $"dropout {p:G4}"));
        if (config.LinearHead) yield return ("linear head", "a linear head");
        if (config.FreezeEmbedding) yield return ("frozen embedding", "the embedding frozen");
        if (config.PooledBatchNorm) yield return ("pooled batchnorm", "the pooled vector batch-normalised before the head");
    }
}
