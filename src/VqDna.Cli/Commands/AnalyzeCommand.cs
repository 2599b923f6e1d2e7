using System.CommandLine;
using Spectre.Console;
using VqDna.Analysis;
using VqDna.Cli.Display;
using VqDna.Datasets;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna analyze efficiency`: the paper's codebook-size and code-dimension table at our scale.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Analyses of learned tokenizers");
        command.Subcommands.Add(CreateEfficiency());
        command.Subcommands.Add(VariantsAnalyzeCommand.Create());
        return command;
    }

    private static Command CreateEfficiency()
    {
        var corpus = new Argument<string[]>("corpus") { Description = "genome files to train on; default: the embedded genomes", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "output folder (efficiency.md, efficiency.json, one tokenizer per variant; resumable)", DefaultValueFactory = _ => "runs/efficiency" };
        var task = new Option<string?>("--task") { Description = "GUE task folder for the linear probe; default: genome classification cut from the corpus files" };
        var preset = new Option<string>("--preset") { Description = "width and depth shared by every variant: tiny, small or paper", DefaultValueFactory = _ => "tiny" };
        var steps = new Option<int>("--steps") { Description = "training steps per variant", DefaultValueFactory = _ => 300 };
        var sizes = new Option<int[]>("--codebook-sizes") { Description = "K values for VQ and HRQ", DefaultValueFactory = _ => [128, 256, 512, 1024], AllowMultipleArgumentsPerToken = true };
        var dims = new Option<int[]>("--code-dims") { Description = "code dimensions at K = 512", DefaultValueFactory = _ => [256, 384, 768], AllowMultipleArgumentsPerToken = true };
        var seed = new Option<ulong>("--seed") { Description = "seed of every run", DefaultValueFactory = _ => 0 };
        var command = new Command("efficiency", "Reconstruction, code usage and linear-probe score across codebook sizes and code dimensions")
        {
            corpus, output, task, preset, steps, sizes, dims, seed,
        };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(corpus) is { Length: > 0 } given ? given : Paths.DefaultCorpus();
            var settings = new EfficiencySettings(parse.GetValue(preset)!, parse.GetValue(sizes), parse.GetValue(dims),
                Steps: parse.GetValue(steps), Seed: parse.GetValue(seed));
            var genomes = GenomeCorpus.Load(files);
            var probeTask = parse.GetValue(task) is { } folder ? GueTask.Load(folder) : GenomeProbeTask.Build(files, window: 256, perClass: 120, seed: (int)settings.Seed);
            AnsiConsole.MarkupLine($"probe task '{Markup.Escape(probeTask.Name)}': {probeTask.Labels.Count} classes, {probeTask.Train.Count}/{probeTask.Dev.Count}/{probeTask.Test.Count} train/dev/test");
            var outputDirectory = parse.GetValue(output)!;
            var rows = EfficiencyAnalysis.Run(genomes, probeTask, settings, outputDirectory, new LineLog(), new StepLog());
            var table = new Table().Border(TableBorder.Rounded).Title("tokenization efficiency");
            foreach (var column in new[] { "study", "quantizer", "K", "dim", "reconstruction", "codes used", "perplexity", "probe MCC", "probe F1" }) table.AddColumn(column);
            foreach (var r in rows)
                table.AddRow(r.Study, r.Quantizer, $"{r.CodebookSize}", $"{r.CodeDim}", $"{100 * r.ReconstructionAccuracy:F2}%", $"{100 * r.CodesUsed:F1}%",
                    $"{r.Perplexity:F1}", $"{r.ProbeMcc:F3}", $"{r.ProbeMacroF1:F3}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"written: [bold]{Markup.Escape(Path.Combine(outputDirectory, "efficiency.md"))}[/] and efficiency.json");
            return 0;
        });
        return command;
    }

    private sealed class LineLog : IProgress<string>
    {
        public void Report(string value) => AnsiConsole.MarkupLine($"[blue]{Markup.Escape(value)}[/]");
    }

    /// <summary>A line per 100 steps: many short trainings in a row read better as a log than as bars.</summary>
    private sealed class StepLog : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            if (p.Step % 100 == 0 || p.Step == p.TotalSteps)
                Console.WriteLine("  " + p.Describe());
        }
    }
}
