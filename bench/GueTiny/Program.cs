using System.Diagnostics;
using System.Globalization;
using VqDna.Benchmarks;
using VqDna.Data;
using VqDna.Datasets;
using VqDna.Datasets.Builders;
using VqDna.Training.Engine;

// bench/gue-tiny: `vqdna bench` at the tiny preset, a small fixed budget and 1 seed, on two tasks that
// `vqdna data build-tasks` makes cheaply (coding: E. coli K-12 genes vs intergenic, 200 nt; promoter: fly
// promoters vs other chr2R DNA, 300 nt; two small Debian packages plus augustus-doc, ~15 s). The species,
// splice (needs R) and tf (a 60 MB human chr20) groups are left out to stay inside ~15 minutes on 2 cores.
// Without network or Debian packages it falls back to the real slices in tests/VqDna.Tests/TestData/tasks
// (promoter on a 100 kb chr2R slice; splice on the first 150 StatLog junctions).
// Dev and test are cut to --eval-rows rows per split (a fixed random subset) because scoring 6,800-row
// dev splits at every evaluation would cost more than the fine-tuning. Everything lands in --runs and a
// rerun reuses every finished stage.
// Usage: bench/run.sh gue-tiny [--runs DIR] [--pretrain-steps N] [--tokenizer-steps N] [--max-train N] [--eval-rows N]
//        [--tokenizers a,b,...]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string home = EmbeddedCorpus.Home;
string runs = Path.Combine(home, "runs", "bench-gue-tiny");
int pretrainSteps = 60, tokenizerSteps = 100, maxTrain = 192, evalRows = 100;
var tokenizers = BenchmarkConfig.DefaultTokenizers.ToList();
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--runs": runs = Path.GetFullPath(Next()); break;
        case "--pretrain-steps": pretrainSteps = int.Parse(Next()); break;
        case "--tokenizer-steps": tokenizerSteps = int.Parse(Next()); break;
        case "--max-train": maxTrain = int.Parse(Next()); break;
        case "--eval-rows": evalRows = int.Parse(Next()); break;
        case "--tokenizers": tokenizers = Next().Split(',').ToList(); break;
        default: throw new ArgumentException($"unknown option '{args[i]}' (--runs DIR, --pretrain-steps N, --tokenizer-steps N, --max-train N, --eval-rows N, --tokenizers LIST)");
    }
}

var watch = Stopwatch.StartNew();
var tasks = SmallTasks(BuiltTasks(), Path.Combine(runs, "tasks"), evalRows);
var config = new BenchmarkConfig(
    Tasks: tasks, Tokenizers: tokenizers, Corpus: [],
    Finetune: BenchmarkConfig.DefaultFinetune(epochs: 2, maxTrainExamples: maxTrain),
    Seeds: 1, Preset: VqDna.Models.Encoder.EncoderPreset.Tiny, PretrainSteps: pretrainSteps, WindowLength: 256, BatchSize: 16, TokenizerSteps: tokenizerSteps,
    TokenizerPreset: VqDna.Models.Tokenizer.TokenizerPreset.Tiny);
var report = BenchmarkRunner.Run(config, Path.Combine(runs, "bench"), new Lines(), new LastStep());
Console.WriteLine();
Console.Write(BenchmarkTable.Markdown(report));
Console.WriteLine($"wall time {watch.Elapsed.TotalMinutes:F1} min");
Console.WriteLine($"tasks={report.Tasks.Count} tokenizers={report.Tokenizers.Count} " +
    string.Join(" ", report.Tokenizers.Select(t => $"rank_{t.Tokenizer}={t.AverageRank:F2}")));
return 0;

// The coding and promoter tasks, built once into runs/…/built (from data/cache), else the test-data slices.
IReadOnlyList<string> BuiltTasks()
{
    var built = Path.Combine(runs, "built");
    string[] wanted = [Path.Combine(built, "coding_200"), Path.Combine(built, "promoter_300")];
    if (wanted.All(d => File.Exists(Path.Combine(d, "test.csv")))) return wanted;
    Console.WriteLine("building tasks coding, promoter (vqdna data build-tasks) ...");
    var results = new BenchmarkTaskSet(Path.Combine(home, "data", "cache")).Build(built, 42, ["coding", "promoter"]);
    if (results.All(r => r.Error is null) && wanted.All(d => File.Exists(Path.Combine(d, "test.csv")))) return wanted;
    foreach (var r in results.Where(r => r.Error is not null)) Console.WriteLine($"  {r.Group} failed: {r.Error}");
    Console.WriteLine("falling back to the real slices in tests/VqDna.Tests/TestData/tasks");
    var data = Path.Combine(home, "tests", "VqDna.Tests", "TestData", "tasks");
    var promoter = new PromoterTaskBuilder(blockSize: 10_000).Build(Path.Combine(data, "dm3_upstream2000_sample.fa.gz"), Path.Combine(data, "fly_chr2R_8300001_8400000.fa.gz"), 42);
    var slice = Path.Combine(data, "statlog_dna_first150.csv");
    var splice = new SpliceTaskBuilder().Build(StatLogDna.ReadExport(slice), 42, slice);
    var fallback = new List<string>();
    foreach (var task in new[] { promoter, splice })
    {
        var folder = Path.Combine(built, "slices", task.Task.Name);
        task.Save(folder, 42);
        fallback.Add(folder);
    }
    return fallback;
}

// Copies each task with dev and test cut to `rows` rows (a fixed random subset, same for every tokenizer).
static IReadOnlyList<string> SmallTasks(IReadOnlyList<string> folders, string target, int rows)
{
    var result = new List<string>();
    foreach (var folder in folders)
    {
        var task = GueTask.Load(folder);
        var destination = Path.Combine(target, task.Name);
        if (!File.Exists(Path.Combine(destination, "test.csv")))
        {
            var random = new Random(42);
            IReadOnlyList<LabelledSequence> Cut(IReadOnlyList<LabelledSequence> split) =>
                split.Count <= rows ? split : split.OrderBy(_ => random.Next()).Take(rows).ToList();
            (task with { Dev = Cut(task.Dev), Test = Cut(task.Test) }).Save(destination);
        }
        result.Add(destination);
    }
    return result;
}

/// <summary>Stage lines with the time since the start.</summary>
sealed class Lines : IProgress<string>
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public void Report(string value) => Console.WriteLine($"{watch.Elapsed:mm\\:ss} {value}");
}

/// <summary>The first and last line of every training (the full logs are in each stage's metrics.jsonl).</summary>
sealed class LastStep : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        if (p.Step == 1 || p.Step == p.TotalSteps) Console.WriteLine("      " + p.Describe());
    }
}
