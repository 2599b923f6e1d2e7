using System.Diagnostics;
using System.Globalization;
using VqDna.Analysis;
using VqDna.Datasets;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Training;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;

// bench/code-context (issue 21): trains one learned tokenizer per code-mask rate at the same budget on the
// embedded genomes and prints, per level, held-out reconstruction, usage, perplexity and the code-context
// measure: I(code_i; base_i) and I(code_i; bases i−r…i+r | base_i), bits (Miller–Madow plug-in). Rate 0 is
// the paper's objective; a rate p hides that fraction of codes from the decoder during training.
// Tokenizers are written under --runs (default runs/bench-code-context) and a rerun resumes or reuses them.
// With --tasks, each tokenizer is also judged downstream by the tokenizer-level probe (frozen mean-pooled code
// vectors → logistic regression, weight decay chosen on dev), printed beside the k-mer LR baseline on the same
// split (--max-train training rows, the subset `vqdna finetune --max-train` of seed 0 takes).
// --levels L trains HRQ with L levels instead of the paper's two (issue 21: HRQ's level count).
// --strides 1,2,4 trains one tokenizer per stride S (one code per S bases, issue 21: fewer codes per base) at the same
// budget in nucleotides; the code-context measure pairs a code with its own base, so it is printed for S = 1 only, and
// a strided tokenizer's probe runs on the network itself (TokenizerProbe's model path: the windowed tokenizer needs S = 1).
// --dead-code-threshold X restarts a code whose EMA count falls under X (the presets: 1; 0 never restarts; issue 21: usage).
// Usage: bench/run.sh code-context [--preset tiny|small|paper] [--quantizer vq|hrq] [--levels L] [--steps N] [--rates 0,0.25] [--strides 1,2]
//                                  [--dead-code-threshold X] [--seed N] [--runs DIR] [--tasks DIR,DIR] [--max-train N]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int steps = 300;
ulong seed = 0;
string preset = "tiny", quantizer = "hrq", runs = "runs/bench-code-context";
double[] rates = [0, 0.25];
int[] strides = [1];
double? deadCodeThreshold = null;
string[] taskDirs = [];
int maxTrain = 2000;
int? levels = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--steps": steps = int.Parse(Next()); break;
        case "--seed": seed = ulong.Parse(Next()); break;
        case "--preset": preset = Next(); break;
        case "--quantizer": quantizer = Next(); break;
        case "--levels": levels = int.Parse(Next()); break;
        case "--rates": rates = [.. Next().Split(',').Select(double.Parse)]; break;
        case "--strides": strides = [.. Next().Split(',').Select(int.Parse)]; break;
        case "--dead-code-threshold": deadCodeThreshold = double.Parse(Next()); break;
        case "--runs": runs = Next(); break;
        case "--tasks": taskDirs = Next().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
        case "--max-train": maxTrain = int.Parse(Next()); break;
        default: throw new ArgumentException($"unknown option '{args[i]}' (--preset, --quantizer, --levels L, --steps N, --rates 0,0.25, --strides 1,2, --dead-code-threshold X, --seed N, --runs DIR, --tasks DIR,DIR, --max-train N)");
    }
}

var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
var genomes = Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal).ToArray();
var corpus = GenomeCorpus.Load(genomes);
Console.WriteLine($"corpus: {genomes.Length} files, {corpus.TotalBases / 1e6:F2} Mbp; {preset} {quantizer}{(levels is null ? "" : $", {levels} levels")}, {steps} steps, seed {seed}{(deadCodeThreshold is null ? "" : $", dead-code threshold {deadCodeThreshold}")}");

// The downstream tasks and their k-mer LR baselines, fitted once.
var tasks = taskDirs.Select(dir =>
{
    var task = GueTask.Load(dir);
    task = task with { Train = TrainingSubset.Of(task.Train, maxTrain, 0) };
    var kmer = KmerLrTrainer.Fit(task, new KmerLrConfig()).Result;
    // Composition references: a code that only relabels its base, mean-pooled, is the k = 1 frequency vector; one
    // that knows its neighbours can reach k = 2 or 3. The probe sits between these when codes carry some context.
    var composition = new[] { 1, 2 }.Select(k => KmerLrTrainer.Fit(task, new KmerLrConfig([k])).Result.Test.Mcc).ToArray();
    Console.WriteLine($"{task.Name}: {task.Train.Count} train / {task.Dev.Count} dev / {task.Test.Count} test; kmer-lr test MCC {kmer.Test.Mcc:F3} ({kmer.Chosen}); " +
        $"k = 1 only {composition[0]:F3}, k = 2 only {composition[1]:F3}");
    return (Task: task, KmerMcc: kmer.Test.Mcc);
}).ToList();
var probeLines = new List<string> { "| code mask | stride | task | probe test MCC | probe dev MCC | kmer-lr test MCC |", "| ---: | ---: | --- | ---: | ---: | ---: |" };

var lines = new List<string>
{
    "| code mask | stride | level | reconstruction | used | perplexity | H(code) | I(code;base) | context r=1 | r=2 | r=3 | minutes |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
};
foreach (int stride in strides)
foreach (double rate in rates)
{
    var model = VqTokenizerConfig.Preset(preset, quantizer, levels) with { Stride = stride };
    model = model with { DeadCodeThreshold = deadCodeThreshold ?? model.DeadCodeThreshold };
    var config = new TokenizerTrainingConfig(model, TokenizerTrainingConfig.DefaultOptimization(steps, seed), CodeMaskRate: rate);
    var name = $"mask {rate:0.##}{(stride == 1 ? "" : $" stride {stride}")}";
    var directory = Path.Combine(runs, $"{preset}-{quantizer}{levels}-mask{rate:0.##}-s{seed}{(stride == 1 ? "" : $"-stride{stride}")}" +
        (deadCodeThreshold is { } threshold ? $"-dead{threshold:0.##}" : ""));
    var watch = Stopwatch.StartNew();
    var evaluation = TokenizerTrainer.Train(corpus, config, directory, new ConsoleProgress(name));
    var context = evaluation.Context;
    if (context is null && stride == 1) throw new InvalidOperationException($"no code context measured for {directory}");
    for (int level = 0; level < evaluation.Levels.Count; level++)
    {
        var u = evaluation.Levels[level];
        var c = context?.Levels[level];
        var contextCells = c is null ? "– | – | – | – | –" : $"{c.EntropyBits:F2} | {c.BaseBits:F2} | " + string.Join(" | ", c.ContextBits.Select(b => b.ToString("F3")));
        lines.Add($"| {rate:0.##} | {stride} | {level + 1} | {100 * evaluation.ReconstructionAccuracy:F2}% | {100 * u.FractionUsed:F1}% | {u.Perplexity:F1} | " +
            $"{contextCells} | {watch.Elapsed.TotalMinutes:F1} |");
        if (c is not null)
            Console.WriteLine($"{name} level {level + 1}: {c.Describe()}; I(code_i; base_i+d | base_i) mbit d=-{context!.MaxOffset}..{context.MaxOffset}: " +
                string.Join(" ", c.ConditionalOffsetBits.Select(b => (1000 * b).ToString("F0"))));
    }
    if (tasks.Count == 0) continue;
    using var tokenizer = stride == 1 ? LearnedTokenizer.Load(directory) : null;
    using var network = stride == 1 ? null : VqTokenizerFolder.Load(directory);
    foreach (var (task, kmerMcc) in tasks)
    {
        var probe = tokenizer is not null ? TokenizerProbe.Evaluate(tokenizer, task, seed) : TokenizerProbe.Evaluate(network!, task, seed);
        probeLines.Add($"| {rate:0.##} | {stride} | {task.Name} | {probe.Test.Mcc:F3} | {probe.Dev.Mcc:F3} | {kmerMcc:F3} |");
        Console.WriteLine($"{name} {task.Name}: probe test MCC {probe.Test.Mcc:F3} (dev {probe.Dev.Mcc:F3}); kmer-lr {kmerMcc:F3}");
    }
}
Console.WriteLine();
foreach (var line in lines) Console.WriteLine(line);
if (tasks.Count > 0)
{
    Console.WriteLine();
    foreach (var line in probeLines) Console.WriteLine(line);
}

sealed class ConsoleProgress(string name) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        if (p.Step % 100 == 0 || p.Step == p.TotalSteps) Console.WriteLine($"{name} {p.Describe()}");
    }
}
