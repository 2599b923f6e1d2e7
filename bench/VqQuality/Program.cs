using System.Diagnostics;
using System.Globalization;
using VqDna.Analysis;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;

// bench/vq-quality: trains a VQ and an HRQ tokenizer (the `small` preset, K = 512) on the embedded
// multi-species genomes, then reports held-out reconstruction accuracy, codebook usage and perplexity,
// and a linear probe (frozen mean-pooled embeddings, logistic regression) on a labelled task: by default
// genome classification cut from the embedded data, or any GUE folder given with --task.
// Targets: reconstruction ≥ 99.5% for both, usage ≥ 95%, HRQ probe ≥ VQ probe.
// Tokenizers are written to --runs (default runs/bench-vq-quality) and a rerun resumes or reuses them.
// Usage: bench/run.sh vq-quality [--steps N] [--task DIR] [--runs DIR] [--seed N]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int steps = 1000, seed = 0;
string runs = "runs/bench-vq-quality";
string? taskFolder = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--steps": steps = int.Parse(Next()); break;
        case "--seed": seed = int.Parse(Next()); break;
        case "--runs": runs = Next(); break;
        case "--task": taskFolder = Next(); break;
        default: throw new ArgumentException($"unknown option '{args[i]}' (--steps N, --seed N, --runs DIR, --task DIR)");
    }
}

var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
var genomes = Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal).ToArray();
var corpus = GenomeCorpus.Load(genomes);
var task = taskFolder is null ? GenomeProbeTask.Build(genomes, seed: seed) : GueTask.Load(taskFolder);
Console.WriteLine($"corpus: {genomes.Length} files, {corpus.TotalBases / 1e6:F2} Mbp; probe task '{task.Name}': {task.Labels.Count} classes, " +
    $"{task.Train.Count}/{task.Dev.Count}/{task.Test.Count} train/dev/test");

var results = new Dictionary<string, (TokenizerEvaluation eval, LinearProbe.Result probe)>();
foreach (var kind in new[] { "vq", "hrq" })
{
    var config = new TokenizerTrainingConfig(VqTokenizerConfig.Preset("small", kind), TokenizerTrainingConfig.DefaultOptimization(steps, (ulong)seed),
        WindowLength: 256, BatchSize: 16);
    var directory = Path.Combine(runs, kind);
    var watch = Stopwatch.StartNew();
    var evaluation = TokenizerTrainer.Train(corpus, config, directory, new ConsoleProgress(kind));
    Console.WriteLine($"{kind}: trained/evaluated in {watch.Elapsed.TotalMinutes:F1} min");
    using var tokenizer = LearnedTokenizer.Load(directory, window: 4096);
    var probe = TokenizerProbe.Evaluate(tokenizer, task);
    results[kind] = (evaluation, probe);
    for (int level = 0; level < evaluation.Levels.Count; level++)
    {
        var u = evaluation.Levels[level];
        Console.WriteLine($"{kind} level {level + 1}: {u.CodebookSize} codes, used {100 * u.FractionUsed:F1}%, perplexity {u.Perplexity:F1}");
    }
    Console.WriteLine($"{kind}: held-out reconstruction {100 * evaluation.ReconstructionAccuracy:F3}% over {evaluation.Bases:N0} nt; " +
        $"probe test MCC {probe.Test.Mcc:F3}, macro F1 {probe.Test.MacroF1:F3}, accuracy {probe.Test.Accuracy:F3} (weight decay {probe.WeightDecay})");
}

double Usage(TokenizerEvaluation e) => e.Levels.Sum(l => l.FractionUsed * l.CodebookSize) / e.Levels.Sum(l => l.CodebookSize);
var (vq, hrq) = (results["vq"], results["hrq"]);
bool ok = vq.eval.ReconstructionAccuracy >= 0.995 && hrq.eval.ReconstructionAccuracy >= 0.995
    && Usage(vq.eval) >= 0.95 && Usage(hrq.eval) >= 0.95 && hrq.probe.Test.Mcc >= vq.probe.Test.Mcc;
Console.WriteLine($"targets (rec ≥ 99.5%, usage ≥ 95%, hrq probe ≥ vq probe): {(ok ? "met" : "NOT met")}");
Console.WriteLine($"vq_rec={vq.eval.ReconstructionAccuracy:F4} hrq_rec={hrq.eval.ReconstructionAccuracy:F4} " +
    $"vq_usage={Usage(vq.eval):F4} hrq_usage={Usage(hrq.eval):F4} vq_probe={vq.probe.Test.Mcc:F4} hrq_probe={hrq.probe.Test.Mcc:F4}");
return ok ? 0 : 1;

sealed class ConsoleProgress(string kind) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        if (p.Step % 100 != 0 && p.Step != p.TotalSteps) return;
        Console.WriteLine($"{kind} {p.Describe()}");
    }
}
