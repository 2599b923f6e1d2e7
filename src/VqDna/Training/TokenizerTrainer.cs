using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;

namespace VqDna.Training;

/// <summary>
/// Trains a learned tokenizer and writes it as a tokenizer folder. Resumable: the whole training state
/// (weights, codebooks, optimizer moments, step) is one checkpoint file written atomically, and every
/// step draws its batch and its random numbers from a seed derived from (seed, step), so a run resumed
/// after a crash takes exactly the steps the uninterrupted run would have taken.
/// </summary>
public static class TokenizerTrainer
{
    public const string CheckpointFile = "checkpoint.safetensors";
    public const string TrainingFile = "training.json";
    public const string MetricsFile = "metrics.jsonl";
    public const string RunFile = "run.json";
    private const int EvalSeed = 0x5EED;

    public static TokenizerEvaluation Train(GenomeCorpus corpus, TokenizerTrainingConfig config, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        Directory.CreateDirectory(outputDirectory);
        CheckSameRun(config, outputDirectory);
        var training = new WindowSampler(corpus, config.WindowLength, heldOut: false);
        var heldOut = new WindowSampler(corpus, config.WindowLength, heldOut: true);

        torch.manual_seed(config.Seed);
        using var model = new VqTokenizerModel(config.Model);
        using var optimizer = new AdamW(model.Parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        var schedule = new WarmupCosineSchedule(config.LearningRate, config.WarmupSteps, config.Steps, MinLrRatio: 0.1);
        int start = Resume(model, optimizer, outputDirectory);
        var metrics = OpenMetrics(outputDirectory, start);

        var watch = Stopwatch.StartNew();
        long basesPerStep = (long)config.BatchSize * config.WindowLength;
        for (int step = start; step < config.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var report = TrainStep(model, optimizer, training, config, schedule.LearningRate(step), step);
            int done = step - start + 1;
            double seconds = watch.Elapsed.TotalSeconds;
            var full = report with
            {
                Step = step + 1,
                TotalSteps = config.Steps,
                BasesPerSecond = done * basesPerStep / seconds,
                Elapsed = watch.Elapsed,
                Remaining = TimeSpan.FromSeconds(seconds / done * (config.Steps - step - 1)),
                Resumed = start > 0,
            };
            metrics.WriteLine(MetricsLine(full));
            progress?.Report(full);
            if ((step + 1) % config.CheckpointEvery == 0 || step + 1 == config.Steps)
            {
                metrics.Flush();
                SaveCheckpoint(model, optimizer, outputDirectory, step + 1);
            }
        }
        metrics.Dispose();

        var evaluation = TokenizerEvaluator.Evaluate(model, heldOut, config.EvalBatches, config.BatchSize, EvalSeed);
        VqTokenizerFolder.Save(model, outputDirectory);
        JsonFiles.Write(Path.Combine(outputDirectory, RunFile), new RunRecord(config, evaluation, corpus.Records.Count, corpus.TotalBases,
            BuildInfo.Version, Environment.MachineName, torch.get_num_threads(), DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture)));
        return evaluation;
    }

    /// <summary>Seeds torch and the sampler from (seed, step) alone, so step s is the same whether or not the run was resumed.</summary>
    private static TrainingProgress TrainStep(VqTokenizerModel model, AdamW optimizer, WindowSampler sampler,
        TokenizerTrainingConfig config, double learningRate, int step)
    {
        ulong stepSeed = StepSeed(config.Seed, step);
        torch.manual_seed(stepSeed);
        var random = new Random((int)(stepSeed & 0x7FFFFFFF));
        using var scope = torch.NewDisposeScope();
        var nucleotides = sampler.Sample(random, config.BatchSize);
        var output = model.Forward(nucleotides);
        output.Loss.backward();
        GradientClipping.clip_grad_norm_(model.Parameters(), config.GradientClip);
        optimizer.lr = learningRate;
        optimizer.Step();
        optimizer.ZeroGrad();
        double accuracy;
        using (torch.no_grad()) accuracy = output.Logits.argmax(-1).eq(nucleotides).to(ScalarType.Float32).mean().item<double>();
        return new TrainingProgress(step, 0, output.Loss.item<double>(), accuracy, output.Codes.Usage, learningRate, 0, TimeSpan.Zero, TimeSpan.Zero, false);
    }

    /// <summary>SplitMix64 of seed and step: well-spread seeds for consecutive steps.</summary>
    internal static ulong StepSeed(ulong seed, int step)
    {
        ulong x = seed + 0x9E3779B97F4A7C15ul * (ulong)(step + 1);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ul;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBul;
        return x ^ (x >> 31);
    }

    /// <summary>A folder holding another run's checkpoint must not be silently continued with different settings.</summary>
    private static void CheckSameRun(TokenizerTrainingConfig config, string directory)
    {
        var path = Path.Combine(directory, TrainingFile);
        var json = JsonSerializer.Serialize(config, JsonFiles.Options);
        if (File.Exists(path) && File.Exists(Path.Combine(directory, CheckpointFile)))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing != json.Trim())
                throw new InvalidOperationException($"'{directory}' holds a checkpoint of a run with other settings (see {path}); " +
                    "use another output folder, or delete the checkpoint to start over");
        }
        AtomicFile.WriteAllText(path, json + "\n");
    }

    private static int Resume(VqTokenizerModel model, AdamW optimizer, string directory)
    {
        var path = Path.Combine(directory, CheckpointFile);
        if (!File.Exists(path)) return 0;
        using var scope = torch.NewDisposeScope();
        var header = Safetensors.ReadHeader(path);
        if (!header.Metadata.TryGetValue("step", out var stepText) || !int.TryParse(stepText, CultureInfo.InvariantCulture, out int step))
            throw new InvalidDataException($"'{path}' has no step in its metadata: not a training checkpoint");
        var tensors = Safetensors.Load(path);
        model.LoadStateDict(Prefixed(tensors, "model."));
        optimizer.LoadStateDict(Prefixed(tensors, "optim."), step);
        return step;
    }

    private static void SaveCheckpoint(VqTokenizerModel model, AdamW optimizer, string directory, int step)
    {
        var tensors = model.StateDict().Select(kv => new KeyValuePair<string, Tensor>("model." + kv.Key, kv.Value))
            .Concat(optimizer.StateDict().Select(kv => new KeyValuePair<string, Tensor>("optim." + kv.Key, kv.Value)));
        Safetensors.Save(tensors, Path.Combine(directory, CheckpointFile),
            new Dictionary<string, string> { ["step"] = step.ToString(CultureInfo.InvariantCulture) });
    }

    private static Dictionary<string, Tensor> Prefixed(IEnumerable<KeyValuePair<string, Tensor>> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    /// <summary>metrics.jsonl, cut back to the checkpoint's step when resuming (later lines were never checkpointed).</summary>
    private static StreamWriter OpenMetrics(string directory, int checkpointStep)
    {
        var path = Path.Combine(directory, MetricsFile);
        var kept = checkpointStep == 0 || !File.Exists(path) ? [] :
            File.ReadLines(path).Where(line => MetricsStep(line) is { } s && s <= checkpointStep).ToList();
        AtomicFile.WriteAllText(path, kept.Count == 0 ? "" : string.Join("\n", kept) + "\n");
        return new StreamWriter(path, append: true);
    }

    private static int? MetricsStep(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("step").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // a torn last line from a crash
        }
    }

    private static string MetricsLine(TrainingProgress p) => JsonSerializer.Serialize(new
    {
        step = p.Step,
        loss = Math.Round(p.Loss, 6),
        reconstruction_accuracy = Math.Round(p.ReconstructionAccuracy, 6),
        perplexity = p.Usage.Select(u => Math.Round(u.Perplexity, 2)).ToArray(),
        codes_used = p.Usage.Select(u => Math.Round(u.FractionUsed, 4)).ToArray(),
        dead_codes = p.Usage.Select(u => u.DeadCodes).ToArray(),
        lr = p.LearningRate,
        bases_per_second = Math.Round(p.BasesPerSecond),
    });

    /// <summary>run.json: what produced this tokenizer and how good it is.</summary>
    private sealed record RunRecord(TokenizerTrainingConfig Training, TokenizerEvaluation Evaluation, int CorpusRecords, long CorpusBases,
        string Version, string Machine, int Threads, string FinishedUtc);
}
