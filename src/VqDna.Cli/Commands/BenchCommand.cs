using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Benchmarks;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna bench`: the tokenizer comparison (train what is missing, pre-train, fine-tune every task × seed, write the table).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var tasks = new Option<string[]>("--tasks") { Description = "GUE-layout task folders (e.g. those `vqdna data build-tasks` writes)", Required = true, AllowMultipleArgumentsPerToken = true };
        var tokenizers = new Option<string>("--tokenizers") { Description = $"comma-separated: {string.Join(", ", BenchmarkConfig.KnownTokenizers)}", DefaultValueFactory = _ => string.Join(",", BenchmarkConfig.DefaultTokenizers) };
        var seeds = new Option<int>("--seeds") { Description = "fine-tuning runs per task and tokenizer", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--output", "-o") { Description = "output folder (bench.md, bench.json, bench.csv and every stage; a second run reuses finished stages)", DefaultValueFactory = _ => "runs/bench" };
        var corpus = new Option<string[]>("--corpus") { Description = "genome files for pre-training and tokenizer training; default: the embedded genomes", AllowMultipleArgumentsPerToken = true };
        var manifest = new Option<string?>("--manifest") { Description = "pre-train on every file of a `vqdna data fetch` manifest (e.g. data/cache/manifest.tsv)" };
        var preset = new Option<string>("--preset") { Description = "encoder size for every tokenizer: tiny, small or base", DefaultValueFactory = _ => "tiny" };
        var pretrainSteps = new Option<int>("--pretrain-steps") { Description = "pre-training steps, the same for every tokenizer", DefaultValueFactory = _ => OptimizationConfig.DefaultSteps };
        var window = new Option<int>("--window") { Description = "nucleotides per pre-training window", DefaultValueFactory = _ => Training.Pretraining.PretrainingConfig.DefaultWindow };
        var batch = new Option<int>("--batch") { Description = "pre-training windows per step", DefaultValueFactory = _ => Training.Pretraining.PretrainingConfig.DefaultBatch };
        var tokenizerSteps = new Option<int>("--tokenizer-steps") { Description = "training steps of the learned tokenizers (vq, hrq; tiny preset)", DefaultValueFactory = _ => OptimizationConfig.DefaultSteps };
        var epochs = new Option<double>("--finetune-epochs") { Description = "fine-tuning epochs (when --finetune-steps is 0)", DefaultValueFactory = _ => 3 };
        var finetuneSteps = new Option<int>("--finetune-steps") { Description = "fine-tuning steps; 0 counts epochs", DefaultValueFactory = _ => 0 };
        var maxTrain = new Option<int>("--max-train") { Description = "at most this many training examples per task (a fixed random subset); 0 for all", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Compare tokenizers: one backbone each at the same size and budget, fine-tuned on every task × seed (LoRA)")
        {
            tasks, tokenizers, seeds, output, corpus, manifest, preset, pretrainSteps, window, batch, tokenizerSteps, epochs, finetuneSteps, maxTrain,
        };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(corpus) is { Length: > 0 } given ? given
                : parse.GetValue(manifest) is { } manifestPath ? Data.CorpusFetcher.ReadManifest(manifestPath).Select(e => e.File).ToArray()
                : [];
            var config = new BenchmarkConfig(
                Tasks: parse.GetValue(tasks)!,
                Tokenizers: parse.GetValue(tokenizers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Corpus: files,
                Finetune: BenchmarkConfig.DefaultFinetune(1, parse.GetValue(finetuneSteps), parse.GetValue(maxTrain)) with { Epochs = parse.GetValue(epochs) },
                Seeds: parse.GetValue(seeds),
                Preset: parse.GetValue(preset)!,
                PretrainSteps: parse.GetValue(pretrainSteps),
                WindowLength: parse.GetValue(window),
                BatchSize: parse.GetValue(batch),
                TokenizerSteps: parse.GetValue(tokenizerSteps)).Validate();
            var report = BenchmarkRunner.Run(config, parse.GetValue(output)!, new LogLines(), new TrainingLines());
            Show(report);
            return 0;
        });
        return command;
    }

    /// <summary>The table on the terminal: tasks as rows, tokenizers as columns, then the summaries.</summary>
    private static void Show(BenchmarkReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("task").AddColumn("metric");
        foreach (var t in report.Tokenizers) table.AddColumn(new TableColumn(Markup.Escape(t.Tokenizer)).RightAligned());
        foreach (var task in report.Tasks)
        {
            var cells = report.Tokenizers.Select(t => report.Score(task, t.Tokenizer)).ToList();
            double best = cells.Max(c => c.Mean);
            table.AddRow([Markup.Escape(task), TaskMetric.Label(cells[0].Metric),
                .. cells.Select(c => (c.Mean >= best - 1e-12 ? "[bold]" : "[default]") + $"{c.Mean:F3} ± {c.Std:F3}[/]")]);
        }
        table.AddRow(["[bold]average rank[/]", "", .. report.Tokenizers.Select(t => $"[bold]{t.AverageRank:F2}[/]")]);
        table.AddRow(["tokens / nt", "", .. report.Tokenizers.Select(t => $"{t.TokensPerNucleotide:F3}")]);
        table.AddRow(["pre-train min", "", .. report.Tokenizers.Select(t => $"{t.PretrainMinutes:F1}")]);
        table.AddRow(["fine-tune min", "", .. report.Tokenizers.Select(t => $"{t.FinetuneMinutes:F1}")]);
        Terminal.Out.Write(table);
    }

    /// <summary>One line per stage, on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class LogLines : IProgress<string>
    {
        public void Report(string value) => Terminal.Out.MarkupLine($"[blue]{Markup.Escape(value)}[/]");
    }

    /// <summary>TrainingDisplay's plain lines: step 1, every 50th and the last, with a note on resume.</summary>
    private sealed class TrainingLines : IProgress<TrainingProgress>
    {
        private int last;

        public void Report(TrainingProgress p)
        {
            // A resumed training's first report follows no report of the step before it.
            if (p.Resumed && p.Step != last + 1) Terminal.Out.MarkupLine($"[yellow]resumed from the checkpoint at step {p.Step - 1}[/]");
            last = p.Step;
            if (p.Step % 50 == 0 || p.Step == p.TotalSteps || p.Step == 1) Console.WriteLine("  " + p.Describe());
        }
    }
}
