using System.Diagnostics;
using System.Globalization;
using VqDna.Bench;
using VqDna.Datasets;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

// bench/finetune-memory: peak resident memory (VmHWM) of fine-tuning against the length of the task's rows (issue 19:
// a 100 kbp row added to a 200-row task took 14.9 GB, a 1 Mbp row was killed at 24 GB). Each length runs in its own
// process, so one length's peak cannot hide another's: Finetuner.Train exactly as `vqdna finetune` calls it (full
// fine-tuning, the tokenizer frozen and run on --engine, dev and test scored), on a task of --rows training rows and
// 4 dev and 4 test rows of that length cut from the embedded genomes, with a tiny HRQ tokenizer and a tiny encoder
// (context 512 tokens) trained for a few steps here first (weights do not change the work). The peer is the same run at
// the shortest length: `ratio` is each peak over that one, and a bounded design keeps it flat as rows grow past the
// context (chunk-and-pool, one chunk per row back-propagates, the rest encoded without gradient in small groups).
// Usage: bench/run.sh finetune-memory [--lengths 500,5000,20000,100000] [--rows 8] [--batch 4] [--engine onnx|torch]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "--child") return Child(args[1], args[2], args[3], int.Parse(args[4]), args[5]);

var lengths = new List<int> { 500, 5_000, 20_000, 100_000 };
int rows = 8, batch = 4;
string engine = "onnx";
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--lengths": lengths = Next().Split(',').Select(int.Parse).ToList(); break;
        case "--rows": rows = int.Parse(Next()); break;
        case "--batch": batch = int.Parse(Next()); break;
        case "--engine": engine = Next(); break;
        default: throw new ArgumentException($"unknown option '{args[i]}'");
    }
}

var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
var root = Directory.CreateTempSubdirectory("vqdna-finetune-memory-").FullName;
try
{
    var watch = Stopwatch.StartNew();
    var pretrained = Pretrain(home, root);
    Console.WriteLine($"peak RSS of fine-tuning ({rows} training rows, 4 dev, 4 test; batch {batch}; full; 1 epoch; tokenizer on {engine}), " +
                      $"tiny HRQ tokenizer and tiny encoder (context 512), set up in {watch.Elapsed.TotalSeconds:F0} s; load average {ProcessMemory.LoadAverage()}");
    Console.WriteLine($"{"row bp",10} {"chunks/row",10} {"peak MB",9} {"ratio",6} {"seconds",8}");
    var pairs = new List<string>();
    double? first = null;
    double last = 0;
    foreach (var length in lengths)
    {
        var task = WriteTask(home, Path.Combine(root, $"task-{length}"), length, rows);
        var fields = ChildRun.LastLinePairs($"the run at {length} bp", "--child", pretrained, task, Path.Combine(root, $"out-{length}"),
            batch.ToString(CultureInfo.InvariantCulture), engine);
        double peak = double.Parse(fields["peak_kb"]) / 1024;
        first ??= peak;
        last = peak;
        Console.WriteLine($"{length,10:N0} {Math.Ceiling(length / 512.0),10:N0} {peak,9:F0} {peak / first.Value,6:F2} {fields["seconds"],8}");
        pairs.Add($"peak_mb_{length}={peak:F0}");
    }
    pairs.Add($"ratio_longest_to_shortest={last / first!.Value:F2}");
    Console.WriteLine(string.Join(' ', pairs));
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

// A tiny HRQ tokenizer (20 steps) and a tiny encoder over it (4 steps at the default 512-nt window): the folders
// `vqdna finetune -m` takes.
static string Pretrain(string home, string root)
{
    var corpus = GenomeCorpus.Load([Path.Combine(home, "data", "genomes", "phage_lambda_NC_001416.fa.gz")]);
    var tokenizer = Path.Combine(root, "tokenizer");
    TokenizerTrainer.Train(corpus, new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(), new OptimizationConfig(Steps: 20, LearningRate: 2e-3, WarmupSteps: 2, Seed: 1),
        WindowLength: 128, BatchSize: 8, EvalBatches: 1), tokenizer);
    var pretrained = Path.Combine(root, "pretrained");
    using var inputs = TokenizerSpec.Parse(tokenizer).Build();
    Pretrainer.Train(corpus, new PretrainingConfig(EncoderPreset.Tiny, tokenizer, PretrainingConfig.DefaultOptimization(4, seed: 1) with { WarmupSteps = 1 },
        new MaskingConfig(), WindowLength: PretrainingConfig.DefaultWindow, BatchSize: 4, EvalEvery: 4, EvalBatches: 1), inputs, pretrained);
    return pretrained;
}

// train/dev/test CSVs whose every row is `length` bp, cut in turn from the embedded genomes (repeating them when the
// task needs more), labels alternating between two classes.
static string WriteTask(string home, string folder, int length, int trainRows)
{
    var genomes = Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal)
        .SelectMany(f => SequenceFile.Read(f)).Select(r => r.Sequence).Where(s => !s.Contains('N')).ToList();
    var pool = string.Concat(genomes);
    int at = 0;
    string NextRow()
    {
        var row = new char[length];
        for (int i = 0; i < length; i++, at = (at + 1) % pool.Length) row[i] = pool[at];
        return new string(row);
    }
    Directory.CreateDirectory(folder);
    foreach (var (split, count) in new[] { ("train", trainRows), ("dev", 4), ("test", 4) })
        File.WriteAllLines(Path.Combine(folder, split + ".csv"),
            ["sequence,label", .. Enumerable.Range(0, count).Select(i => $"{NextRow()},{(i % 2 == 0 ? "a" : "b")}")]);
    return folder;
}

// One fine-tuning run; prints the process's peak resident memory.
static int Child(string pretrained, string taskFolder, string output, int batch, string engine)
{
    var watch = Stopwatch.StartNew();
    var config = FinetuneConfig.Default() with { Epochs = 1, BatchSize = batch, Patience = 0 };
    Finetuner.Train(GueTask.Load(taskFolder), pretrained, config, output,
        tokenizerEngine: Enum.Parse<VqDna.Models.Engines.InferenceEngine>(engine, ignoreCase: true));
    Console.WriteLine($"peak_kb={ProcessMemory.PeakRssKb()} seconds={watch.Elapsed.TotalSeconds:F0}");
    return 0;
}
