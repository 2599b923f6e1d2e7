using Spectre.Console;
using VqDna.Training.Engine;

namespace VqDna.Cli.Display;

/// <summary>
/// Shows training progress: on a terminal a live bar with step, loss, accuracy, perplexity, codes used,
/// throughput and ETA; without one (CI, logs) the same facts as a plain line every 50 steps.
/// </summary>
internal static class TrainingDisplay
{
    public static T Run<T>(int totalSteps, Func<IProgress<TrainingProgress>, T> work)
    {
        if (!Terminal.Out.Profile.Capabilities.Interactive) return work(new LineReporter());
        T result = default!;
        Terminal.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(context => result = work(new BarReporter(context.AddTask("starting", maxValue: totalSteps))));
        return result;
    }

    private static void AnnounceResume(TrainingProgress p) =>
        Terminal.Out.MarkupLine($"[yellow]resumed from the checkpoint at step {p.Step - 1}[/]");

    private sealed class BarReporter(ProgressTask task) : IProgress<TrainingProgress>
    {
        private bool announced;

        public void Report(TrainingProgress p)
        {
            if (p.Resumed && !announced) { announced = true; AnnounceResume(p); }
            task.MaxValue = p.TotalSteps;
            task.Value = p.Step;
            task.Description = Markup.Escape(p.Describe());
        }
    }

    private sealed class LineReporter : IProgress<TrainingProgress>
    {
        private bool announced;

        public void Report(TrainingProgress p)
        {
            if (p.Resumed && !announced) { announced = true; AnnounceResume(p); }
            if (p.Step % 50 == 0 || p.Step == p.TotalSteps || p.Step == 1) Terminal.Out.WriteLine(p.Describe());
        }
    }
}
