using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.IO;
using VqDna.Models.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>
/// Fits a classical baseline on a GUE-layout task into a folder: metrics.json in the shape of a fine-tuning run's,
/// labels.json, and the fitted model (config.json with its <c>model_type</c>, model.safetensors). `vqdna baseline`,
/// `vqdna bench` and the comparison line of `vqdna finetune` all come through here.
/// </summary>
public static class ClassicalBaselines
{
    /// <summary>The same file name as a fine-tuning run's, so one reader serves both.</summary>
    public const string MetricsFile = Finetuner.MetricsFile;

    /// <summary>
    /// Fits baseline <paramref name="kind"/> on <paramref name="task"/> (its training split cut to the configured subset) into
    /// <paramref name="outputDirectory"/>; returns its scores.
    /// </summary>
    public static BaselineResult Run(GueTask task, BaselineKind kind, BaselineConfig config, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, IProgress<string>? log = null, CancellationToken cancellation = default)
    {
        config.Validate();
        task = TrainingSubset.Cut(task, config.MaxTrainExamples, config.MaxDevExamples, config.Seed);
        BaselineResult result;
        switch (kind)
        {
            case BaselineKind.KmerLr:
                var fitted = KmerLrTrainer.Fit(task, config.KmerLr, log);
                fitted.Model.Save(outputDirectory);
                result = fitted.Result;
                break;
            case BaselineKind.Cnn:
                result = CnnTrainer.Train(task, config.Cnn, outputDirectory, progress, cancellation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        task.Labels.Save(Path.Combine(outputDirectory, LabelSet.FileName));
        JsonFiles.Write(Path.Combine(outputDirectory, MetricsFile), result);
        JsonFiles.Write(Path.Combine(outputDirectory, RunFolder.RunFile), new RunRecord(result, config, RunEnvironment.Capture()));
        return result;
    }

    /// <summary>
    /// Throws what <see cref="Run"/> would throw at its start for a checkpoint of another run in
    /// <paramref name="outputDirectory"/>, touching nothing: `vqdna finetune --baselines cnn` asks before fine-tuning, so a
    /// stale CNN checkpoint (kept by --keep-checkpoints, or left by an interrupted run) is reported before the model's
    /// training, not after it. The k-mer LR keeps no checkpoint.
    /// </summary>
    public static void CheckResumable(GueTask task, BaselineKind kind, BaselineConfig config, string outputDirectory)
    {
        if (kind != BaselineKind.Cnn) return;
        config.Validate();
        // Without a checkpoint there is nothing to refuse: skip cutting the subset and hashing it.
        if (!RunFolder.HoldsCheckpoint(outputDirectory)) return;
        CnnTrainer.CheckResumable(TrainingSubset.Cut(task, config.MaxTrainExamples, config.MaxDevExamples, config.Seed), config.Cnn, outputDirectory);
    }

    /// <summary>
    /// The k-mer baseline's scores on <paramref name="task"/>, fitted in memory (seconds): what `vqdna finetune` prints
    /// beside its own test score.
    /// </summary>
    /// <param name="task">The task the model was fine-tuned on.</param>
    /// <param name="model">The model's recipe: the baseline trains on its training subset, chooses on its dev subset and
    /// shares its seed.</param>
    public static BaselineResult KmerLrScore(GueTask task, FinetuneConfig model)
    {
        var config = BaselineConfig.Matching(model);
        return KmerLrTrainer.Fit(TrainingSubset.Cut(task, config.MaxTrainExamples, config.MaxDevExamples, config.Seed), config.KmerLr).Result;
    }

    /// <summary>One line comparing a model's test score with the baseline's on the same split, and whether the model lost.</summary>
    public static (string Text, bool Loses) Compare(string metric, double model, BaselineResult baseline)
    {
        double reference = TaskMetric.Of(metric, baseline.Test.Mcc, baseline.Test.F1Macro);
        string name = TaskMetric.Label(metric);
        double gap = model - reference;
        bool loses = gap < 0;
        var text = FormattableString.Invariant(
            $"{baseline.Baseline} baseline ({baseline.Chosen}) on the same test split: {name} {reference:F3}; this model {model:F3}, {(loses ? "loses" : "wins")} by {Math.Abs(gap):F3}");
        return (text, loses);
    }

    private sealed record RunRecord(BaselineResult Result, BaselineConfig Settings, RunEnvironment Environment);
}
