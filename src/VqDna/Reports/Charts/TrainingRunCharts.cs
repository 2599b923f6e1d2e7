using VqDna.Models.Encoder;
using VqDna.Torch.Distributed;
using VqDna.Training;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Reports.Charts;

/// <summary>
/// Draws a finished training run's charts and writes its model card (<see cref="ModelCard"/>, README.md) beside what it wrote: the curves from its metrics.jsonl (the metrics
/// stream every trainer writes, one line per step; <see cref="TrainingCurvesChart"/>) and, for a tokenizer, the
/// held-out code usage. The trainers draw nothing themselves: Training sits below Reports (issue 17). Under data
/// parallelism only rank 0 of <c>group</c> draws, as only it writes the run's files.
/// </summary>
public static class TrainingRunCharts
{
    /// <summary>A tokenizer run: curves_*.png/svg and the held-out code usage histogram (code_usage.png/svg).</summary>
    public static void Tokenizer(string outputDirectory, TokenizerTrainingConfig config, TokenizerEvaluation evaluation, ProcessGroup? group = null)
    {
        if (group is { IsMain: false }) return;
        var kind = config.Model.Kind;
        ModelCard.WriteTokenizer(outputDirectory, config, evaluation);
        var name = $"{Path.GetFileName(Path.GetFullPath(outputDirectory))} ({kind})";
        Curves(outputDirectory, name);
        CodeUsageChart.Save(evaluation.Counts, Path.Combine(outputDirectory, TokenizerTrainer.CodeUsageFile), $"Held-out codebook usage: {name}");
    }

    /// <summary>A pre-training run: curves_*.png/svg.</summary>
    public static void Pretraining(string outputDirectory, PretrainingConfig config, PretrainingResult result, ProcessGroup? group = null)
    {
        if (group is { IsMain: false }) return;
        ModelCard.WritePretrained(outputDirectory, config, result);
        Curves(outputDirectory, $"{Path.GetFileName(Path.GetFullPath(outputDirectory))} ({result.Tokenizer})");
    }

    /// <summary>A fine-tuning run: curves_*.png/svg.</summary>
    public static void Finetuning(string outputDirectory, FinetuneResult result, ProcessGroup? group = null)
    {
        if (group is { IsMain: false }) return;
        ModelCard.WriteFinetuned(outputDirectory, result);
        Curves(outputDirectory, $"{result.Task} ({result.Tokenizer}, {(result.Encoder is { } shape ? shape + ", " : "")}{result.Mode}, {FinetuneRecipeText.ShortLabel(result.Settings)})");
    }

    /// <summary>A classical baseline's folder: curves_*.png/svg when it trained in steps (the CNN); nothing for a one-shot fit.</summary>
    public static void Baseline(string outputDirectory, BaselineResult result)
    {
        if (File.Exists(Path.Combine(outputDirectory, RunFolder.MetricsFile))) Curves(outputDirectory, $"{result.Task} ({result.Baseline} baseline)");
    }

    private static void Curves(string outputDirectory, string name) =>
        TrainingCurvesChart.SaveBeside(Path.Combine(outputDirectory, RunFolder.MetricsFile), name);
}
