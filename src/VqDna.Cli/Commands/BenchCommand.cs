using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Benchmarks;
using VqDna.Evaluation;
using VqDna.Models.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;
using VqDna.Training.Finetuning;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna bench`: the tokenizer comparison (train what is missing, pre-train, fine-tune every task × seed, write the table).</summary>
internal sealed class BenchCommand : VerbCommand<BenchSettings>
{
    private readonly Option<string[]> tasks = new("--tasks") { Description = "GUE-layout task folders (e.g. those `vqdna data build-tasks` writes)", Required = true, AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> tokenizers = new("--tokenizers") { Description = $"comma-separated: {string.Join(", ", BenchmarkConfig.KnownTokenizers)}", DefaultValueFactory = _ => string.Join(",", BenchmarkConfig.DefaultTokenizers) };
    private readonly Option<int> seeds = new("--seeds") { Description = "fine-tuning runs per task and tokenizer", DefaultValueFactory = _ => BenchmarkConfig.DefaultSeeds };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (bench.md, bench.json, bench.csv and every stage; a second run reuses finished stages)", DefaultValueFactory = _ => "runs/bench" };
    private readonly Option<string[]> corpus = new("--corpus") { Description = "genome files for pre-training and tokenizer training; default: the embedded genomes", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> manifest = new("--manifest") { Description = "pre-train on every file of a `vqdna data fetch` manifest (e.g. data/cache/manifest.tsv)" };
    private readonly Choice<EncoderPreset> preset = new("--preset", "encoder size for every tokenizer: tiny, small or base", EncoderPreset.Tiny);
    private readonly Option<int> pretrainSteps = new("--pretrain-steps") { Description = "pre-training steps, the same for every tokenizer", DefaultValueFactory = _ => PretrainingConfig.DefaultSteps };
    private readonly Option<int> window = new("--window") { Description = "nucleotides per pre-training window", DefaultValueFactory = _ => PretrainingConfig.DefaultWindow };
    private readonly Option<int> batch = new("--batch") { Description = "pre-training windows per step", DefaultValueFactory = _ => PretrainingConfig.DefaultBatch };
    private readonly Option<int> tokenizerSteps = new("--tokenizer-steps") { Description = "training steps of the learned tokenizers (vq, hrq; the default tokenizer preset)", DefaultValueFactory = _ => OptimizationConfig.DefaultSteps };
    private readonly Choice<TokenizerPreset> tokenizerPreset = new("--tokenizer-preset", "size of the learned tokenizers (vq, hrq): tiny, small or paper", VqTokenizerConfig.DefaultPreset);
    private readonly Choice<FinetuneMode> finetuneMode = new("--finetune-mode", "how every backbone is fine-tuned: lora (adapters + head; the paper's protocol), full, or probe", FinetuneConfig.DefaultMode);
    private readonly Option<double> epochs = new("--finetune-epochs") { Description = "fine-tuning epochs (when --finetune-steps is 0)", DefaultValueFactory = _ => FinetuneConfig.DefaultEpochs };
    private readonly Option<int> finetuneSteps = new("--finetune-steps") { Description = "fine-tuning steps; 0 counts epochs", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> reverseComplement = ReverseComplementOption.Create("every fine-tuning run and the CNN ");
    private readonly Choice<SequencePooling> pooling = new("--pooling", "what every fine-tuned head reads: the mean of the hidden states over the real tokens, their maximum, or both side by side (max and mean-max: full or probe only; --finetune-mode lora defaults to mean)", FinetuneConfig.DefaultPooling(FinetuneConfig.DefaultMode));
    private readonly Option<string> baselines = new("--baselines") { Description = "classical baselines fitted beside the tokenizers on every task × seed, comma-separated: kmer-lr, cnn, or none", DefaultValueFactory = _ => BaselineKinds.BothNames };
    private readonly Option<int> maxTrain = new("--max-train") { Description = "at most this many training examples per task (a fixed random subset); 0 for all", DefaultValueFactory = _ => 0 };
    private readonly Option<int> maxDev = MaxDevOption.Create();

    private readonly DeviceOptions device = new(precision: true);

    protected override Command Declare()
    {
        var command = new Command("bench", "Compare tokenizers: one backbone each at the same size and budget, fine-tuned on every task × seed")
        {
            tasks, tokenizers, seeds, output, corpus, manifest, preset.Option, pretrainSteps, window, batch, tokenizerSteps, tokenizerPreset.Option, finetuneMode.Option, epochs, finetuneSteps, pooling.Option, reverseComplement, maxTrain, maxDev, baselines,
        };
        device.AddTo(command);
        return command;
    }

    protected override BenchSettings Bind(ParseResult parse) => new(parse.GetValue(tasks) ?? [], parse.GetValue(tokenizers)!, parse.GetValue(seeds),
        parse.GetValue(output)!, parse.GetValue(corpus) ?? [], parse.GetValue(manifest), preset.Get(parse), parse.GetValue(pretrainSteps),
        parse.GetValue(window), parse.GetValue(batch), parse.GetValue(tokenizerSteps), finetuneMode.Get(parse), parse.GetValue(epochs), parse.GetValue(finetuneSteps), parse.GetValue(maxTrain),
        parse.GetValue(baselines)!) { Compute = device.Read(parse), TokenizerPreset = tokenizerPreset.Get(parse), Pooling = parse.GetValue(pooling.Option) ?? FinetuneConfig.DefaultPooling(finetuneMode.Get(parse)), MaxDev = parse.GetValue(maxDev), ReverseComplement = parse.GetValue(reverseComplement) };

    protected override int Run(BenchSettings settings)
    {
        // No files and no manifest: an empty corpus, which the runner reads as the embedded genomes.
        IReadOnlyList<string> files = settings.Corpus.Count > 0 || settings.Manifest is not null ? CorpusOptions.Resolve(settings.Corpus, settings.Manifest) : [];
        var report = BenchmarkRunner.Run(settings.ToConfig(files), settings.Output, new SyncProgress<string>(line => Terminal.Out.MarkupLine($"[blue]{Markup.Escape(line)}[/]")),
            new TrainingLines(), compute: settings.Compute.Resolve());
        Show(report);
        return 0;
    }

    /// <summary>The table on the terminal: tasks as rows, tokenizers as columns, then the summaries.</summary>
    private static void Show(BenchmarkReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("task").AddColumn("metric");
        var columns = report.Columns;
        foreach (var column in columns)
            table.AddColumn(new TableColumn(report.IsBaseline(column) ? $"[italic]{Markup.Escape(column)}[/]" : Markup.Escape(column)).RightAligned());
        table.AddColumn(new TableColumn("[dim]majority class[/]").RightAligned());
        // One row per task: a cell per column (the best in bold), then the task's majority-class floor.
        void TaskRows(string metricSuffix, Func<string, string, (double Value, string Text)> cell)
        {
            foreach (var task in report.Tasks)
            {
                var cells = columns.Select(c => cell(task, c)).ToList();
                double best = cells.Max(c => c.Value);
                table.AddRow([Markup.Escape(task), TaskMetric.Label(report.MajorityOf(task).Metric) + metricSuffix,
                    .. cells.Select(c => (c.Value >= best - 1e-12 ? "[bold]" : "[default]") + c.Text + "[/]"),
                    $"[dim]{report.MajorityOf(task).Score:F3}[/]"]);
            }
        }
        TaskRows("", (task, name) =>
        {
            var score = report.Score(task, name);
            return (score.Mean, $"{score.Mean:F3} ± {score.Std:F3}");
        });
        TaskRows(", linear probe", (task, name) => report.ProbeOrNull(task, name) is { } probe
            ? (probe.Test, $"{probe.Test:F3}")
            : (double.NegativeInfinity, "—"));
        string Cell(string column, Func<TokenizerSummary, string> tokenizer, Func<BaselineSummary, string>? baseline = null) =>
            report.Tokenizers.FirstOrDefault(t => t.Tokenizer == column) is { } t ? tokenizer(t)
                : baseline is null ? "—" : baseline(report.BaselineSummaries.First(b => b.Baseline == column));
        table.AddRow(["[bold]average rank[/]", "", .. columns.Select(c => Cell(c, t => $"[bold]{t.AverageRank:F2}[/]", b => $"[bold]{b.AverageRank:F2}[/]")), ""]);
        table.AddRow(["tokens / nt", "", .. columns.Select(c => Cell(c, t => $"{t.TokensPerNucleotide:F3}")), ""]);
        table.AddRow(["pre-train min", "", .. columns.Select(c => Cell(c, t => $"{t.PretrainMinutes:F1}")), ""]);
        table.AddRow(["fine-tune min", "", .. columns.Select(c => Cell(c, t => $"{t.FinetuneMinutes:F1}", b => $"{b.Minutes:F1}")), ""]);
        Terminal.Out.Write(table);
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
