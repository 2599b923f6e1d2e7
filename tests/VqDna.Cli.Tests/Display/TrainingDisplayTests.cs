using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Tests.Display;

public sealed class TrainingDisplayTests
{
    private static TrainingProgress Step(int step, double? mcc = null) =>
        new(step, 200, 0.5, 1e-4, 9000, step * 9600L, TimeSpan.FromSeconds(step), TimeSpan.FromSeconds(200 - step), false,
            new ClassificationStepDetails(0.75), mcc is { } m ? new Dictionary<string, double> { ["mcc"] = m } : null);

    private static List<string> Lines(IEnumerable<TrainingProgress> steps)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = Terminal.PlainWidth;
        var reporter = new TrainingDisplay.LineReporter(console);
        foreach (var p in steps) reporter.Report(p);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public void EveryEvaluationGetsALineEvenBetweenPrintedSteps()
    {
        // Evaluations at 63 and 126 fall between the every-50 lines; before, their dev scores reached metrics.jsonl only.
        var lines = Lines(Enumerable.Range(1, 200).Select(s => Step(s, s is 63 or 126 or 200 ? s / 1000.0 : null)));

        Assert.Equal(["step 1/", "step 50/", "step 63/", "step 100/", "step 126/", "step 150/", "step 200/"],
            lines.Select(l => l[..(l.IndexOf('/') + 1)]));
        Assert.Contains("dev mcc 0.0630", lines[2]);
        Assert.Contains("dev mcc 0.1260", lines[4]);
        Assert.DoesNotContain("dev", lines[3]);
    }

    [Fact]
    public void ABarCarriesTheLastEvaluationMarkedWithItsStep()
    {
        var evaluated = Step(63, 0.5);

        Assert.Contains("  dev mcc 0.5000  ", evaluated.Describe());
        Assert.Contains("  dev@63 mcc 0.5000  ", Step(64).Describe(evaluated));
        Assert.Contains("  dev mcc 0.2500  ", Step(126, 0.25).Describe(evaluated));
        Assert.DoesNotContain("dev", Step(64).Describe());
    }
}
