using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Quickstart;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna quickstart`: the whole method on the embedded genomes, to a report with figures, in minutes.</summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var defaults = new QuickstartConfig([], "runs/quickstart");
        var output = new Option<string>("--output", "-o") { Description = "output folder (finished stages in it are reused)", DefaultValueFactory = _ => defaults.OutputDirectory };
        var force = new Option<bool>("--force") { Description = "redo every stage instead of reusing finished ones" };
        var baseline = new Option<string>("--baseline") { Description = "hand-made tokenizer to compare with HRQ: char, kmer3..kmer6, 6mer, bpe[:VOCAB]", DefaultValueFactory = _ => defaults.Baseline };
        var tokenizerSteps = new Option<int>("--tokenizer-steps") { Description = "HRQ tokenizer training steps", DefaultValueFactory = _ => defaults.TokenizerSteps };
        var pretrainSteps = new Option<int>("--pretrain-steps") { Description = "masked-modeling steps per encoder", DefaultValueFactory = _ => defaults.PretrainSteps };
        var seeds = new Option<int>("--seeds") { Description = "fine-tuning runs per task and tokenizer (error bars)", DefaultValueFactory = _ => defaults.FinetuneSeeds };
        var command = new Command("quickstart", "Learn an HRQ tokenizer, pre-train and fine-tune tiny encoders (HRQ and a baseline) on the embedded genomes; write a report with figures")
        {
            output, force, baseline, tokenizerSteps, pretrainSteps, seeds,
        };
        command.SetAction(parse =>
        {
            var config = defaults with
            {
                Genomes = Paths.DefaultCorpus(),
                OutputDirectory = parse.GetValue(output)!,
                Force = parse.GetValue(force),
                Baseline = parse.GetValue(baseline)!,
                TokenizerSteps = parse.GetValue(tokenizerSteps),
                PretrainSteps = parse.GetValue(pretrainSteps),
                FinetuneSeeds = parse.GetValue(seeds),
            };
            config.Validate();
            AnsiConsole.MarkupLine($"quickstart on the embedded genomes ({config.Genomes.Count} files) into [bold]{Markup.Escape(config.OutputDirectory)}[/]" +
                $"{(config.Force ? "; redoing every stage" : "; finished stages are reused")}");
            var result = QuickstartRunner.Run(config, new ConsoleDisplay());

            var table = new Table().Border(TableBorder.Rounded).Title("test scores (mean over seeds)");
            table.AddColumn("task").AddColumn("tokenizer").AddColumn("dev MCC").AddColumn("test MCC").AddColumn("test F1").AddColumn("test accuracy");
            foreach (var group in result.Scores.GroupBy(s => (s.Task, s.Tokenizer)))
                table.AddRow(group.Key.Task, group.Key.Tokenizer, $"{group.Average(s => s.DevMcc):F3}", $"{group.Average(s => s.TestMcc):F3}",
                    $"{group.Average(s => s.TestF1):F3}", $"{100 * group.Average(s => s.TestAccuracy):F1}%");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"done in {result.Minutes:F1} min{(result.Reused.Count > 0 ? $" ({result.Reused.Count} stage(s) reused; --force redoes them)" : "")}.");
            AnsiConsole.MarkupLine($"open [bold]{Markup.Escape(result.ReportPath)}[/] (scores, figures); next: [bold]./vqdna tokenizer train --preset small[/] " +
                "for a larger tokenizer, or [bold]./vqdna data fetch[/] for the 18-species corpus");
            return 0;
        });
        return command;
    }

    /// <summary>Stage headers with the time so far; each training shows the usual progress bar (or lines without a terminal).</summary>
    private sealed class ConsoleDisplay : IQuickstartDisplay
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public void Stage(int index, int count, string title) =>
            AnsiConsole.MarkupLine($"[bold][[{index}/{count}]][/] {Markup.Escape(title)} [grey]({watch.Elapsed:mm\\:ss})[/]");

        public void Info(string line) => AnsiConsole.MarkupLine($"      {Markup.Escape(line)}");

        public T Train<T>(int totalSteps, Func<IProgress<TrainingProgress>, T> run) => TrainingDisplay.Run(totalSteps, run);
    }
}
