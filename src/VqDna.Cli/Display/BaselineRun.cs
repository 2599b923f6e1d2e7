using Spectre.Console;
using VqDna.Datasets;
using VqDna.Models.Baselines;
using VqDna.Reports.Charts;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;

namespace VqDna.Cli.Display;

/// <summary>A classical baseline fitted into a folder with its progress shown: `vqdna baseline` and `vqdna finetune --baselines cnn`.</summary>
internal static class BaselineRun
{
    /// <summary>
    /// Fits <paramref name="kind"/> into <paramref name="directory"/> (a bar over the CNN's steps, a line per k for the
    /// k-mer fits), draws its curves, and removes the CNN's checkpoint and lock files unless <paramref name="keepCheckpoints"/>.
    /// </summary>
    public static BaselineResult Fit(IAnsiConsole console, GueTask task, BaselineKind kind, BaselineConfig config, string directory, bool keepCheckpoints)
    {
        var log = new SyncProgress<string>(line => console.MarkupLine($"  {Markup.Escape(line)}"));
        var result = kind == BaselineKind.Cnn
            ? TrainingDisplay.Run(config.Cnn.Steps(TrainingSubset.Count(task.Train.Count, config.MaxTrainExamples)), progress => ClassicalBaselines.Run(task, kind, config, directory, progress, log))
            : ClassicalBaselines.Run(task, kind, config, directory, log: log);
        TrainingRunCharts.Baseline(directory, result);
        if (kind == BaselineKind.Cnn && !keepCheckpoints) RunFolder.RemoveTrainingState(directory, null, CnnTrainer.BestFile);
        return result;
    }
}
