using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.IO;
using VqDna.Models.Encoder;
using VqDna.Reports.Charts;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;

namespace VqDna.Training.Finetuning;

/// <summary>
/// Stage 3 of VQDNA: fine-tunes a pre-trained encoder on a GUE-layout task with LoRA (default), fully, or as a
/// linear probe; selects the model on dev MCC with early stopping; scores dev and test with the selected
/// weights; writes metrics.json, labels.json, the tokenizer, and the adapter (peft layout) or the model.
/// </summary>
public static class Finetuner
{
    public const string MetricsFile = "metrics.json";
    /// <summary>The best dev-MCC weights so far, kept for resume (removed with the checkpoint when a run finishes).</summary>
    public const string BestFile = "best.safetensors";

    /// <summary>
    /// Fine-tunes the pre-trained model on <paramref name="task"/> into <paramref name="outputDirectory"/>. A learned
    /// tokenizer's encoder (frozen in every mode: its vectors are the model's input) runs on
    /// <paramref name="tokenizerEngine"/>; hand-made tokenizers have none.
    /// </summary>
    public static FinetuneResult Train(GueTask task, string pretrainedDirectory, FinetuneConfig config, string outputDirectory,
        bool merge = false, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default,
        InferenceEngine tokenizerEngine = InferenceEngine.Torch)
    {
        config.Validate();
        EncoderFolder.RefuseTokenizerFolder(pretrainedDirectory);
        var basePath = Path.GetFullPath(pretrainedDirectory);
        using var folder = RunFolder.Begin(outputDirectory, new FinetuneSettings(config, basePath, task.Name), Fingerprint(task), allowDataChange: false);
        using var inputs = PretrainedFolder.LoadInputs(pretrainedDirectory);
        inputs.UseEngine(tokenizerEngine);

        torch.manual_seed(config.Optimization.Seed);
        using var model = EncoderFolder.LoadForClassification(pretrainedDirectory, new ClassifierConfig(task.Labels.Count, Probe: config.Mode == FinetuneMode.Probe));
        Prepare(model, config);
        var classifier = new SequenceClassifier(model, inputs);
        using var optimizer = new AdamW(model.Parameters().Where(p => p.requires_grad), lr: config.Optimization.LearningRate,
            weight_decay: config.Optimization.WeightDecay);

        var train = Subset(task.Train, config.MaxTrainExamples, config.Optimization.Seed);
        // Data-parallel: rank r takes every world-th batch of the epoch order, so an epoch takes 1/world of the steps.
        var group = ProcessGroup.Default;
        int world = group?.WorldSize ?? 1, rank = group?.Rank ?? 0, perRank = (train.Count + world - 1) / world;
        int steps = config.ResolveSteps(perRank);
        var order = new EpochOrder(train.Count, config.BatchSize, config.Optimization.Seed);
        var best = new BestTracker(folder.PathOf(BestFile), config.Patience);
        var loop = new TrainingLoop(folder, config.Optimization with { Steps = steps })
        {
            BasesPerStep = (long)(train.Average(s => (double)s.Sequence.Length) * config.BatchSize * config.Optimization.AccumulationSteps),
            EvaluateEvery = config.ResolveEvalEvery(perRank),
            Evaluate = step =>
            {
                var dev = Score(classifier, task.Dev, task.Labels.Count, config.BatchSize);
                bool stop = best.Update(step, dev.Mcc, model);
                return new EvaluationResult(new Dictionary<string, double> { ["mcc"] = dev.Mcc, ["f1_macro"] = dev.F1Macro, ["accuracy"] = dev.Accuracy }, stop);
            },
            SaveState = best.Save,
            LoadState = best.Load,
            Group = group,
        };
        var outcome = loop.Run(model, optimizer, (step, micro, _) =>
        {
            var rows = order.Batch((step * config.Optimization.AccumulationSteps + micro) * world + rank).Select(i => train[i]).ToList();
            var logits = classifier.Logits(inputs.Tokenize(rows.Select(r => r.Sequence).ToList()));
            var labels = torch.tensor(rows.Select(r => (long)r.Label).ToArray(), [rows.Count]);
            var loss = F.cross_entropy(logits, labels);
            double accuracy;
            using (torch.no_grad()) accuracy = logits.argmax(-1).eq(labels).to(ScalarType.Float32).mean().item<double>();
            return new StepOutput(loss, new ClassificationStepDetails(accuracy));
        }, progress, cancellation);

        if (folder.IsWriter) best.Restore(model);                             // rank 0 kept the best weights
        var devMetrics = Score(classifier, task.Dev, task.Labels.Count, config.BatchSize);
        var testMetrics = Score(classifier, task.Test, task.Labels.Count, config.BatchSize);
        if (folder.IsWriter) SaveModel(model, inputs, task.Labels, config, basePath, outputDirectory, merge);
        var result = new FinetuneResult(task.Name, inputs.Name, config.Mode.ToString().ToLowerInvariant(), devMetrics, testMetrics,
            best.BestStep, outcome.Steps, outcome.StoppedEarly, outcome.Elapsed.TotalMinutes,
            new ClassCounts(Counts(task.Train, task.Labels.Count), Counts(task.Dev, task.Labels.Count), Counts(task.Test, task.Labels.Count)),
            task.Labels.Names, config, basePath, task.DevSplit);
        if (folder.IsWriter)
        {
            JsonFiles.Write(Path.Combine(outputDirectory, MetricsFile), result);
            JsonFiles.Write(folder.PathOf(RunFolder.RunFile), new RunRecord(result, RunEnvironment.Capture()));
            TrainingCurvesChart.SaveBeside(folder.PathOf(RunFolder.MetricsFile), $"{task.Name} ({inputs.Name}, {result.Mode})");
            Reports.ModelCard.WriteFinetuned(outputDirectory, result, Fingerprint(task), adapter: config.Mode == FinetuneMode.Lora && !merge);
        }
        group?.barrier();                                                      // the job ends when rank 0's files are written
        return result;
    }

    /// <summary>Freezes what the mode does not train and puts LoRA adapters in place.</summary>
    private static void Prepare(DnaForSequenceClassification model, FinetuneConfig config)
    {
        switch (config.Mode)
        {
            case FinetuneMode.Lora:
                LoRA.Inject(model, config.LoRA);
                LoRA.MarkTrainable(model, [DnaForSequenceClassification.HeadName]);
                break;
            case FinetuneMode.Probe:
                model.SetRequiresGrad(name => name.StartsWith(DnaForSequenceClassification.HeadName + ".", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>Dev/test scores of the model as it is now, in eval mode.</summary>
    public static SplitMetrics Score(SequenceClassifier classifier, IReadOnlyList<LabelledSequence> split, int classes, int batchSize)
    {
        var probabilities = classifier.Probabilities(split.Select(s => s.Sequence).ToList(), batchSize);
        var predicted = probabilities.Select(p => Array.IndexOf(p, p.Max())).ToList();
        return SplitMetrics.Compute(split.Select(s => s.Label).ToList(), predicted, classes);
    }

    private static void SaveModel(DnaForSequenceClassification model, SequenceInputs inputs, LabelSet labels, FinetuneConfig config,
        string basePath, string directory, bool merge)
    {
        if (config.Mode == FinetuneMode.Lora)
        {
            // Relative to the adapter folder (issue 20): the pair moves together; an absolute path only across file systems' roots.
            var recorded = Path.GetRelativePath(Path.GetFullPath(directory), basePath);
            PeftAdapter.Save(directory, model, PeftAdapterConfig.From(config.LoRA, recorded, "SEQ_CLS", [DnaForSequenceClassification.HeadName]));
            if (merge) LoRA.MergeAndUnload(model);
        }
        if (config.Mode != FinetuneMode.Lora || merge) EncoderFolder.Save(model, directory, labels.Names);
        PretrainedFolder.SaveTokenizer(inputs, directory);
        labels.Save(Path.Combine(directory, LabelSet.FileName));
    }

    private static IReadOnlyList<LabelledSequence> Subset(IReadOnlyList<LabelledSequence> train, int max, ulong seed)
    {
        if (max == 0 || max >= train.Count) return train;
        var random = new Random((int)(StepSeeds.Of(seed, -2) & 0x7FFFFFFF));
        return train.OrderBy(_ => random.Next()).Take(max).ToList();
    }

    private static long[] Counts(IReadOnlyList<LabelledSequence> split, int classes)
    {
        var counts = new long[classes];
        foreach (var s in split) counts[s.Label]++;
        return counts;
    }

    private static DataFingerprint Fingerprint(GueTask task)
    {
        var files = new List<FileFingerprint>();
        foreach (var (name, split) in new[] { ("train", task.Train), ("dev", task.Dev), ("test", task.Test) })
        {
            using var builder = new FingerprintBuilder();
            foreach (var s in split) builder.Add(task.Labels.Names[s.Label], s.Sequence);
            files.Add(builder.Finish(name + ".csv") with { Bytes = split.Count });
        }
        return DataFingerprint.Of(files);
    }

    /// <summary>Training-split order: a fresh permutation per epoch from (seed, epoch), so any step's batch is known without replaying earlier ones.</summary>
    private sealed class EpochOrder(int count, int batchSize, ulong seed)
    {
        private int epoch = -1;
        private int[] permutation = [];
        private readonly int batchesPerEpoch = (count + batchSize - 1) / batchSize;

        public IEnumerable<int> Batch(int index)
        {
            int e = index / batchesPerEpoch, position = index % batchesPerEpoch;
            if (e != epoch)
            {
                permutation = Enumerable.Range(0, count).ToArray();
                new Random((int)(StepSeeds.Of(seed, -1, rank: e) & 0x7FFFFFFF)).Shuffle(permutation);
                epoch = e;
            }
            return permutation.Skip(position * batchSize).Take(batchSize);
        }
    }

    /// <summary>The best dev MCC so far: its weights (the trainable ones) in best.safetensors, and the patience count.</summary>
    private sealed class BestTracker(string path, int patience)
    {
        private double bestMcc = double.NegativeInfinity;
        private int sinceBest;

        public int BestStep { get; private set; }

        /// <summary>Records a dev score; returns true when patience has run out.</summary>
        public bool Update(int step, double mcc, Module model)
        {
            if (mcc > bestMcc + 1e-12)
            {
                (bestMcc, BestStep, sinceBest) = (mcc, step, 0);
                Safetensors.Save(model.NamedParameters().Where(kv => kv.Value.requires_grad), path);
            }
            else sinceBest++;
            return patience > 0 && sinceBest >= patience;
        }

        public void Restore(Module model)
        {
            if (!File.Exists(path)) return;
            using var scope = torch.NewDisposeScope();
            model.LoadStateDict(Safetensors.Load(path), strict: false);
        }

        public IReadOnlyDictionary<string, string> Save() => new Dictionary<string, string>
        {
            ["best_mcc"] = bestMcc.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["best_step"] = BestStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["since_best"] = sinceBest.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public void Load(IReadOnlyDictionary<string, string> state)
        {
            if (state.TryGetValue("best_mcc", out var m)) bestMcc = double.Parse(m, System.Globalization.CultureInfo.InvariantCulture);
            if (state.TryGetValue("best_step", out var b)) BestStep = int.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
            if (state.TryGetValue("since_best", out var s)) sinceBest = int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed record FinetuneSettings(FinetuneConfig Config, string Model, string Task);

    private sealed record RunRecord(FinetuneResult Result, RunEnvironment Environment);
}

/// <summary>Examples per class in each split (imbalance made visible).</summary>
public sealed record ClassCounts(long[] Train, long[] Dev, long[] Test);

/// <summary>metrics.json of a fine-tuning run.</summary>
public sealed record FinetuneResult(
    string Task, string Tokenizer, string Mode, SplitMetrics Dev, SplitMetrics Test, int BestStep, int Steps, bool StoppedEarly,
    double Minutes, ClassCounts ClassCounts, IReadOnlyList<string> Labels, FinetuneConfig Settings, string Model, string? DevSplit = null);
