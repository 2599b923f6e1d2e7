using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Quickstart;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna quickstart`: the whole method on the embedded genomes, to a report with figures, in minutes.</summary>
internal sealed class QuickstartCommand : VerbCommand<QuickstartSettings>
{
    private static readonly QuickstartConfig Defaults = new([], "runs/quickstart");

    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (finished stages in it are reused)", DefaultValueFactory = _ => Defaults.OutputDirectory };
    private readonly Option<bool> force = new("--force") { Description = "redo every stage instead of reusing finished ones" };
    private readonly Option<string> baseline = new("--baseline") { Description = "hand-made tokenizer compared with HRQ: char, kmer3..kmer6, 6mer, bpe[:VOCAB]", DefaultValueFactory = _ => Defaults.Baseline };
    private readonly Option<int> tokenizerSteps = new("--tokenizer-steps") { Description = "HRQ tokenizer training steps", DefaultValueFactory = _ => Defaults.TokenizerSteps };
    private readonly Option<int> pretrainSteps = new("--pretrain-steps") { Description = "masked-modeling steps per encoder", DefaultValueFactory = _ => Defaults.PretrainSteps };
    private readonly Option<int> seeds = new("--seeds") { Description = "fine-tuning runs per task and tokenizer (error bars)", DefaultValueFactory = _ => Defaults.FinetuneSeeds };
    private readonly Option<double> epochs = new("--epochs") { Description = "fine-tuning passes over each task's training split", DefaultValueFactory = _ => Defaults.FinetuneEpochs };

    private readonly DeviceOptions device = new(precision: true);

    protected override Command Declare()
    {
        var command = new Command("quickstart",
            "Learn an HRQ tokenizer, pre-train and fine-tune tiny encoders (HRQ and a baseline) on the embedded genomes; write a report with figures")
        {
            output, force, baseline, tokenizerSteps, pretrainSteps, seeds, epochs,
        };
        device.AddTo(command);
        return command;
    }

    protected override QuickstartSettings Bind(ParseResult parse) => new(parse.GetValue(output)!, parse.GetValue(force), parse.GetValue(baseline)!,
        parse.GetValue(tokenizerSteps), parse.GetValue(pretrainSteps), parse.GetValue(seeds), parse.GetValue(epochs)) { Compute = device.Read(parse) };

    protected override int Run(QuickstartSettings settings)
    {
        var console = Terminal.Out;
        var config = settings.ToConfig(Defaults, Paths.DefaultCorpus());
        console.MarkupLine($"quickstart on the embedded genomes ({config.Genomes.Count} files) into [bold]{Markup.Escape(config.OutputDirectory)}[/]" +
            $"{(config.Force ? "; redoing every stage" : "; finished stages are reused")}");
        var compute = settings.Compute.Resolve();
        if (!compute.Device.is_cpu) console.MarkupLine(Markup.Escape($"training on {compute}"));
        var result = QuickstartRunner.Run(config, new ConsoleDisplay(console), compute: compute);

        var table = new Table().Border(TableBorder.Rounded).Title("test scores (mean over seeds)");
        table.AddColumn("task").AddColumn("tokenizer").AddColumn("dev MCC").AddColumn("test MCC").AddColumn("test F1").AddColumn("test accuracy");
        foreach (var group in result.Scores.GroupBy(s => (s.Task, s.Tokenizer)))
            table.AddRow(group.Key.Task, group.Key.Tokenizer, $"{group.Average(s => s.DevMcc):F3}", $"{group.Average(s => s.TestMcc):F3}",
                $"{group.Average(s => s.TestF1):F3}", $"{100 * group.Average(s => s.TestAccuracy):F1}%");
        console.Write(table);
        console.MarkupLine($"done in {result.Minutes:F1} min{(result.Reused.Count > 0 ? $" ({result.Reused.Count} stage(s) reused; --force redoes them)" : "")}.");
        console.MarkupLine($"open [bold]{Markup.Escape(result.ReportPath)}[/] (scores, figures); next: [bold]./vqdna tokenizer train[/] " +
            "for a larger tokenizer, or [bold]./vqdna data fetch[/] for the 18-species corpus");
        return 0;
    }

    /// <summary>Stage headers with the time so far; each training shows the usual progress bar (or lines without a terminal).</summary>
    private sealed class ConsoleDisplay(IAnsiConsole console) : IQuickstartDisplay
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public void Stage(int index, int count, string title) =>
            console.MarkupLine($"[bold][[{index}/{count}]][/] {Markup.Escape(title)} [grey]({watch.Elapsed:mm\\:ss})[/]");

        public void Info(string line) => console.MarkupLine($"      {Markup.Escape(line)}");

        public T Train<T>(int totalSteps, Func<IProgress<TrainingProgress>, T> run) => TrainingDisplay.Run(totalSteps, run);
    }
}
