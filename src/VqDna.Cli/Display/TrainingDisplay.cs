using Spectre.Console;
using VqDna.Training.Engine;

namespace VqDna.Cli.Display;

/// <summary>
/// Shows training progress: on a terminal a live bar with step, loss, accuracy, perplexity, codes used,
/// throughput and ETA; without one (CI, logs) the same facts as a plain line every 50 steps and at every evaluation.
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

    private static void AnnounceResume(IAnsiConsole console, TrainingProgress p) =>
        console.MarkupLine($"[yellow]resumed from the checkpoint at step {p.Step - 1}[/]");

    private sealed class BarReporter(ProgressTask task) : IProgress<TrainingProgress>
    {
        private bool announced;
        private TrainingProgress? lastEvaluated;

        public void Report(TrainingProgress p)
        {
            if (p.Resumed && !announced) { announced = true; AnnounceResume(Terminal.Out, p); }
            if (p.Evaluation is not null) lastEvaluated = p;
            task.MaxValue = p.TotalSteps;
            task.Value = p.Step;
            task.Description = Markup.Escape(p.Describe(lastEvaluated));
        }
    }

    /// <summary>
    /// One plain line on the first and last steps, every <see cref="Every"/> steps, and on every step that evaluates
    /// (a dev score that fell between two printed steps was in metrics.jsonl only: a four-hour fine-tune's log showed
    /// none of its 80 evaluations).
    /// </summary>
    internal sealed class LineReporter(IAnsiConsole console) : IProgress<TrainingProgress>
    {
        public const int Every = 50;
        private bool announced;

        public LineReporter() : this(Terminal.Out) { }

        public void Report(TrainingProgress p)
        {
            if (p.Resumed && !announced) { announced = true; AnnounceResume(console, p); }
            if (p.Evaluation is not null || p.Step % Every == 0 || p.Step == p.TotalSteps || p.Step == 1) console.WriteLine(p.Describe());
        }
    }
}
