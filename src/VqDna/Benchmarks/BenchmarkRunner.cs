using VqDna.Models.Encoder;
using System.Text.Json;
using VqDna.Data;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Inputs;
using VqDna.IO;
using VqDna.Models.Baselines;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Reports.Charts;
using VqDna.Tokenizers;
using VqDna.Torch;
using VqDna.Training;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Benchmarks;

/// <summary>
/// Runs the tokenizer comparison unattended: trains the vocabularies that are missing (VQ and HRQ with the
/// tokenizer trainer, BPE on the corpus), pre-trains one backbone per tokenizer, fine-tunes every task ×
/// tokenizer × seed, then writes the table. Output folder layout:
/// <code>
/// tokenizers/{vq,hrq}/          learned tokenizers          finished: model.safetensors + run.json
/// tokenizers/bpe/tokenizer.json the corpus BPE              finished: the file
/// pretrain/&lt;tokenizer&gt;/        backbones                   finished: model.safetensors + run.json
/// finetune/&lt;task&gt;/&lt;tokenizer&gt;/seed&lt;s&gt;/                     finished: metrics.json
/// probe/&lt;task&gt;/&lt;tokenizer&gt;/    linear probe of the backbone  finished: probe.json
/// baselines/&lt;task&gt;/&lt;kind&gt;/seed&lt;s&gt;/   kmer-lr, cnn              finished: metrics.json
/// bench.md, bench.json, bench.csv
/// </code>
/// A finished stage is reused as it is; an unfinished one is resumed by its trainer from its checkpoint.
/// </summary>
public static class BenchmarkRunner
{
    /// <summary>BPE trains on the corpus's training part cut into pieces of this many bases (one "word" each).</summary>
    public const int BpeChunk = 1000;

    /// <summary>
    /// Runs (or resumes) the benchmark into <paramref name="outputDirectory"/>. Tokenizers, backbones, fine-tuning and
    /// probes run on <paramref name="compute"/>'s device and precision (the CPU in fp32 when not given); the classical
    /// baselines stay on the CPU. The device is not part of the benchmark's settings: a run may resume on another one.
    /// </summary>
    public static BenchmarkReport Run(BenchmarkConfig config, string outputDirectory, IProgress<string>? log = null,
        IProgress<TrainingProgress>? training = null, CancellationToken cancellation = default, DeviceSettings? compute = null)
    {
        config.Validate();
        compute ??= DeviceSettings.Cpu;
        BenchmarkSettings.CheckOrWrite(outputDirectory, config);
        var files = config.Corpus.Count > 0 ? config.Corpus.ToArray() : EmbeddedCorpus.Files();
        var corpus = new Lazy<GenomeCorpus>(() =>
        {
            var loaded = GenomeCorpus.Load(files);
            log?.Report($"corpus: {loaded.Records.Count} records, {loaded.TotalBases / 1e6:F2} Mbp from {files.Length} file(s)");
            return loaded;
        });
        var stages = new StageCounter(log, config.Tokenizers.Count(t => BenchmarkConfig.IsLearned(t) || t == "bpe")
            + config.Tokenizers.Count + config.Tasks.Count * config.Tokenizers.Count * (config.Seeds + 1)
            + config.Tasks.Count * config.BaselineList.Count * config.Seeds);

        // Stages 1-2: vocabularies, then one backbone per tokenizer.
        var backbones = new Dictionary<string, PretrainingResult>();
        foreach (var name in config.Tokenizers)
        {
            cancellation.ThrowIfCancellationRequested();
            var spec = Vocabulary(name, config, outputDirectory, corpus, stages, training, cancellation, compute);
            backbones[name] = Pretrain(name, spec, config, outputDirectory, corpus, stages, training, cancellation, compute);
        }

        // Stage 3: every task × tokenizer × seed.
        var scores = new List<TaskScore>();
        var baselines = new List<MajorityBaseline>();
        var probes = new List<ProbeScore>();
        var taskNames = new List<string>();
        var baselineParameters = new Dictionary<string, long>();
        foreach (var folder in config.Tasks)
        {
            var taskName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            taskNames.Add(taskName);
            var task = new Lazy<GueTask>(() => GueTask.Load(folder));
            string metric = TaskMetric.For(taskName);
            var runs = new List<(string, IReadOnlyList<double>, double)>();
            // One column's runs over the seeds: each seed's test score under the task's metric, and the minutes summed.
            void Column(string name, Func<int, (double Mcc, double F1Macro, double Minutes)> run)
            {
                var values = new List<double>();
                double minutes = 0;
                for (int seed = 0; seed < config.Seeds; seed++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (mcc, f1, runMinutes) = run(seed);
                    values.Add(TaskMetric.Of(metric, mcc, f1));
                    minutes += runMinutes;
                }
                runs.Add((name, values, minutes));
            }
            foreach (var name in config.Tokenizers)
            {
                Column(name, seed =>
                {
                    var run = Finetune(task, taskName, name, seed, config, outputDirectory, stages, training, cancellation, compute);
                    return (run.Mcc, run.F1Macro, run.Minutes);
                });
                cancellation.ThrowIfCancellationRequested();
                probes.Add(Probe(task, taskName, name, metric, outputDirectory, stages, compute.Device));
            }
            // The classical baselines on the same training rows and test split, ranked with the tokenizers.
            foreach (var kind in config.BaselineList)
                Column(kind.Name(), seed =>
                {
                    var run = Baseline(task, taskName, kind, seed, config, outputDirectory, stages, training, cancellation);
                    baselineParameters[run.Baseline] = Math.Max(baselineParameters.GetValueOrDefault(run.Baseline), run.Parameters);
                    return (run.Test.Mcc, run.Test.F1Macro, run.Minutes);
                });
            scores.AddRange(BenchmarkTable.ScoreTask(taskName, runs));
            baselines.Add(MajorityBaseline.Of(task.Value, metric));
        }

        var summaries = config.Tokenizers.Select(name =>
        {
            var b = backbones[name];
            return new TokenizerSummary(name, BenchmarkTable.AverageRank(scores, name), b.Evaluation.TokensPerNucleotide, b.Minutes,
                scores.Where(s => s.Tokenizer == name).Sum(s => s.FinetuneMinutes), b.Steps, b.Parameters, b.Evaluation.MaskedAccuracy);
        }).ToList();
        var baselineSummaries = config.BaselineList.Select(kind => kind.Name()).Select(name => new BaselineSummary(name,
            BenchmarkTable.AverageRank(scores, name), scores.Where(s => s.Tokenizer == name).Sum(s => s.FinetuneMinutes),
            baselineParameters.GetValueOrDefault(name))).ToList();
        var report = new BenchmarkReport(config with { Corpus = files }, taskNames, summaries, scores, baselines, probes, stages.Run, stages.Reused,
            RunEnvironment.Capture(), baselineSummaries);
        BenchmarkTable.Write(report, outputDirectory);
        log?.Report($"table: {Path.Combine(outputDirectory, BenchmarkTable.MarkdownFile)} ({stages.Run} stage(s) trained, {stages.Reused} reused)");
        return report;
    }

    /// <summary>The folder of the backbone pre-trained with <paramref name="tokenizer"/>.</summary>
    public static string PretrainDirectory(string outputDirectory, string tokenizer) => Path.Combine(outputDirectory, "pretrain", tokenizer);

    /// <summary>The folder of one fine-tuning run.</summary>
    public static string FinetuneDirectory(string outputDirectory, string task, string tokenizer, int seed) =>
        Path.Combine(outputDirectory, "finetune", task, tokenizer, $"seed{seed}");

    /// <summary>The tokenizer as <see cref="TokenizerSpec"/> text: the name itself, or the file/folder the benchmark trained.</summary>
    private static string Vocabulary(string name, BenchmarkConfig config, string outputDirectory, Lazy<GenomeCorpus> corpus,
        StageCounter stages, IProgress<TrainingProgress>? training, CancellationToken cancellation, DeviceSettings compute)
    {
        var directory = Path.Combine(outputDirectory, "tokenizers", name);
        if (BenchmarkConfig.IsLearned(name))
        {
            if (Finished(directory, EncoderWeights, RunFolder.RunFile)) { stages.Reuse($"tokenizer {name}", directory); return directory; }
            var tokenizerConfig = new TokenizerTrainingConfig(VqTokenizerConfig.Preset(config.TokenizerPreset, VqTokenizerConfig.Quantizer(name)),
                TokenizerTrainingConfig.DefaultOptimization(config.TokenizerSteps, config.PretrainSeed));
            stages.Start($"tokenizer {name}", $"{config.TokenizerPreset.Name()} {name}, {config.TokenizerSteps} steps", directory);
            var evaluation = TokenizerTrainer.Train(corpus.Value, tokenizerConfig, directory, training, cancellation, compute: compute);
            TrainingRunCharts.Tokenizer(directory, tokenizerConfig, evaluation);
            return directory;
        }
        if (name != "bpe") return name;
        var file = Path.Combine(directory, TokenizerFile.FileName);
        if (File.Exists(file)) { stages.Reuse("tokenizer bpe", file); return file; }
        stages.Start("tokenizer bpe", $"vocabulary {TokenizerSpec.DefaultBpeVocab} on the corpus's training part", file);
        using var inputs = (TokenIdInputs)TokenizerSpec.Parse("bpe").Build(() => TrainingText(corpus.Value));
        Directory.CreateDirectory(directory);
        inputs.Tokenizer.Save(file);
        return file;
    }

    private static PretrainingResult Pretrain(string name, string spec, BenchmarkConfig config, string outputDirectory, Lazy<GenomeCorpus> corpus,
        StageCounter stages, IProgress<TrainingProgress>? training, CancellationToken cancellation, DeviceSettings compute)
    {
        var directory = PretrainDirectory(outputDirectory, name);
        if (Finished(directory, EncoderWeights, RunFolder.RunFile))
            stages.Reuse($"pretrain {name}", directory);
        else
        {
            stages.Start($"pretrain {name}", $"{config.Preset.Name()}, {config.PretrainSteps} steps × {config.BatchSize} × {config.WindowLength} nt", directory);
            using var inputs = TokenizerSpec.Parse(spec).Build(() => TrainingText(corpus.Value));
            var result = Pretrainer.Train(corpus.Value, config.Pretraining(spec), inputs, directory, training, cancellation, compute: compute);
            TrainingRunCharts.Pretraining(directory, config.Pretraining(spec), result);
        }
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, RunFolder.RunFile)));
        return run.RootElement.GetProperty("result").Deserialize<PretrainingResult>(JsonFiles.Options)
            ?? throw new InvalidDataException($"'{Path.Combine(directory, RunFolder.RunFile)}' has no result");
    }

    private static FinetuneRun Finetune(Lazy<GueTask> task, string taskName, string name, int seed, BenchmarkConfig config, string outputDirectory,
        StageCounter stages, IProgress<TrainingProgress>? training, CancellationToken cancellation, DeviceSettings compute)
    {
        var directory = FinetuneDirectory(outputDirectory, taskName, name, seed);
        var metrics = Path.Combine(directory, Finetuner.MetricsFile);
        if (File.Exists(metrics)) stages.Reuse($"finetune {taskName} {name} seed {seed}", directory);
        else
        {
            stages.Start($"finetune {taskName} {name} seed {seed}", config.Finetune.Mode.ToString().ToLowerInvariant(), directory);
            var result = Finetuner.Train(task.Value, PretrainDirectory(outputDirectory, name), config.FinetuneWithSeed(seed), directory,
                progress: training, cancellation: cancellation, compute: compute);
            TrainingRunCharts.Finetuning(directory, result);
        }
        return FinetuneRun.Read(metrics);
    }

    /// <summary>The folder of one classical baseline run.</summary>
    public static string BaselineDirectory(string outputDirectory, string task, BaselineKind kind, int seed) =>
        Path.Combine(outputDirectory, "baselines", task, kind.Name(), $"seed{seed}");

    private static BaselineResult Baseline(Lazy<GueTask> task, string taskName, BaselineKind kind, int seed, BenchmarkConfig config,
        string outputDirectory, StageCounter stages, IProgress<TrainingProgress>? training, CancellationToken cancellation)
    {
        var directory = BaselineDirectory(outputDirectory, taskName, kind, seed);
        var metrics = Path.Combine(directory, ClassicalBaselines.MetricsFile);
        if (File.Exists(metrics))
        {
            stages.Reuse($"baseline {taskName} {kind.Name()} seed {seed}", directory);
            return JsonFiles.Read<BaselineResult>(metrics);
        }
        stages.Start($"baseline {taskName} {kind.Name()} seed {seed}", "classical baseline, no pre-training", directory);
        var result = ClassicalBaselines.Run(task.Value, kind, config.BaselineWithSeed(seed), directory, training, cancellation: cancellation);
        TrainingRunCharts.Baseline(directory, result);
        return result;
    }

    /// <summary>The folder of one task × backbone linear probe.</summary>
    public static string ProbeDirectory(string outputDirectory, string task, string tokenizer) =>
        Path.Combine(outputDirectory, "probe", task, tokenizer);

    private static ProbeScore Probe(Lazy<GueTask> task, string taskName, string name, string metric, string outputDirectory, StageCounter stages, Device device)
    {
        var directory = ProbeDirectory(outputDirectory, taskName, name);
        var file = Path.Combine(directory, BackboneProbe.ResultFile);
        if (File.Exists(file))
        {
            stages.Reuse($"probe {taskName} {name}", directory);
            return JsonFiles.Read<ProbeScore>(file);
        }
        stages.Start($"probe {taskName} {name}", "linear probe of the frozen backbone", directory);
        var score = BackboneProbe.Run(task.Value, name, PretrainDirectory(outputDirectory, name), metric, device);
        Directory.CreateDirectory(directory);
        JsonFiles.Write(file, score);
        return score;
    }

    /// <summary>The corpus's training part (the held-out tail of each record excluded) in <see cref="BpeChunk"/>-base pieces.</summary>
    public static IEnumerable<string> TrainingText(GenomeCorpus corpus)
    {
        foreach (var record in corpus.Records)
            for (int start = 0; start < record.HeldOutStart; start += BpeChunk)
                yield return record.Sequence.Substring(start, Math.Min(BpeChunk, record.HeldOutStart - start));
    }

    private const string EncoderWeights = "model.safetensors";

    private static bool Finished(string directory, params string[] files) => files.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>The test scores and time of a finished fine-tuning run, read from its metrics.json.</summary>
    private sealed record FinetuneRun(double Mcc, double F1Macro, double Minutes)
    {
        public static FinetuneRun Read(string path)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(path));
                var test = json.RootElement.GetProperty("test");
                return new FinetuneRun(test.GetProperty("mcc").GetDouble(), test.GetProperty("f1_macro").GetDouble(),
                    json.RootElement.GetProperty("minutes").GetDouble());
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"'{path}' is not a fine-tuning metrics.json: {e.Message}", e);
            }
        }
    }

    /// <summary>Numbers the stages in the log and counts those trained and those reused.</summary>
    private sealed class StageCounter(IProgress<string>? log, int total)
    {
        private int done;

        public int Run { get; private set; }
        public int Reused { get; private set; }

        public void Start(string stage, string what, string directory)
        {
            Run++;
            log?.Report($"[{++done}/{total}] {stage}: training ({what}) → {directory}");
        }

        public void Reuse(string stage, string directory)
        {
            Reused++;
            log?.Report($"[{++done}/{total}] {stage}: finished, reused ({directory})");
        }
    }
}
