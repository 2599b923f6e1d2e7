using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.IO;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
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
    /// <summary>The run's results (<see cref="FinetuneResult"/>), in the output folder.</summary>
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
        InferenceEngine tokenizerEngine = InferenceDefaults.Engine, ProcessGroup? group = null, DeviceSettings? compute = null)
    {
        config.Validate();
        compute ??= DeviceSettings.Cpu;                                        // issue 18: where the model trains, fp32 or bf16
        EncoderFolder.RefuseNonEncoderFolder(pretrainedDirectory);
        var basePath = Path.GetFullPath(pretrainedDirectory);
        using var folder = RunFolder.Begin(outputDirectory, new FinetuneSettings(config, basePath, task.Name), TaskFingerprint.Of(task), allowDataChange: false, group);
        using var inputs = PretrainedFolder.LoadInputs(pretrainedDirectory);
        inputs.UseEngine(tokenizerEngine);

        torch.manual_seed(config.Optimization.Seed);
        using var model = EncoderFolder.LoadForClassification(pretrainedDirectory, config.Classifier(task.Labels.Count), config.Dropout);
        PretrainedFolder.CheckMatches(inputs, model.Config, pretrainedDirectory);
        Prepare(model, config);
        var classifier = new SequenceClassifier(model, inputs).To(compute.Device);   // before the optimizer; the tokenizer's network too
        using var optimizer = config.Optimization.CreateOptimizer(model);

        task = TrainingSubset.Cut(task, config.MaxTrainExamples, config.MaxDevExamples, config.Optimization.Seed);
        var train = task.Train;
        // The tokenizer is frozen: each row is tokenized once (while the split fits the budget), not every epoch and evaluation.
        long tokenBudget = TokenizedRows.DefaultBudgetBytes();
        var strands = new StrandAugmentation(train.Count, config.Optimization.Seed, config.ReverseComplement);
        var trainTokens = new TokenizedRows(inputs, strands.Sequences(train.Select(r => r.Sequence).ToList()), tokenBudget);
        var devTokens = new TokenizedRows(inputs, task.Dev.Select(r => r.Sequence).ToList(), tokenBudget);
        // Data-parallel: rank r takes every world-th batch of the epoch order, so an epoch takes 1/world of the steps.
        int world = group?.WorldSize ?? 1, rank = group?.Rank ?? 0, perRank = PerRank(train.Count, world);
        int steps = config.ResolveSteps(perRank);
        var order = new EpochOrder(train.Count, config.BatchSize, config.Optimization.Seed);
        var best = new BestModelTracker(folder.PathOf(BestFile), config.ResolvePatience(perRank), BestModelTracker.MinimumStepOf(steps));
        var loop = new TrainingLoop(folder, config.Optimization with { Steps = steps })
        {
            BasesPerStep = (long)(train.Average(s => (double)s.Sequence.Length) * config.BatchSize * config.Optimization.AccumulationSteps),
            EvaluateEvery = config.ResolveEvalEvery(perRank),
            Evaluate = step =>
            {
                // The selection's dev passes compute as training does (under bf16 autocast they took ~45% of a 2,000-row run
                // in float32); the selected weights' final dev and test scores below are float32, as `predict` gives them.
                SplitMetrics dev;
                using (compute.Precision.Autocast(compute.Device)) dev = Score(classifier, task.Dev, task.Labels.Count, config.BatchSize, devTokens);
                return new EvaluationResult(dev.ToMetrics(), best.Update(step, dev.Mcc, model));
            },
            SaveState = best.Save,
            LoadState = best.Load,
            Group = group,
            Compute = compute,
        };
        var outcome = loop.Run(model, optimizer, (step, micro, _) =>
        {
            int batch = (step * config.Optimization.AccumulationSteps + micro) * world + rank;
            var indices = order.Batch(batch).ToList();
            return ClassificationStepDetails.Step(classifier.Logits(trainTokens.Get(strands.Pick(batch, indices))), indices.Select(i => train[i]).ToList());
        }, progress, cancellation);

        if (folder.IsWriter) best.Restore(model);                             // rank 0 kept the best weights
        var devMetrics = Score(classifier, task.Dev, task.Labels.Count, config.BatchSize, devTokens);
        var testMetrics = Score(classifier, task.Test, task.Labels.Count, config.BatchSize);
        if (folder.IsWriter) SaveModel(model, inputs, task.Labels, config, basePath, outputDirectory, merge);
        var result = new FinetuneResult(task.Name, inputs.Name, config.Mode.ToString().ToLowerInvariant(), devMetrics, testMetrics,
            best.BestStep, outcome.Steps, outcome.StoppedEarly, outcome.Elapsed.TotalMinutes, ClassCounts.Of(task),
            task.Labels.Names, config, basePath, task.DevSplit, model.Config.Shape);
        folder.Complete(group, () =>
        {
            JsonFiles.Write(Path.Combine(outputDirectory, MetricsFile), result);
            folder.WriteRunRecord(new RunRecord(result, RunEnvironment.Capture(compute)));
        });
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
            case FinetuneMode.Full when config.FreezeEmbedding:
                model.SetRequiresGrad(name => !DnaForSequenceClassification.IsEmbeddingParameter(name));
                break;
        }
    }

    /// <summary>Dev/test scores of the model as it is now, in eval mode; <paramref name="tokens"/>: the split's rows, tokenized once.</summary>
    public static SplitMetrics Score(SequenceClassifier classifier, IReadOnlyList<LabelledSequence> split, int classes, int batchSize,
        TokenizedRows? tokens = null)
    {
        var probabilities = tokens is null ? classifier.Probabilities(split.Select(s => s.Sequence).ToList(), batchSize) : classifier.ProbabilitiesOfTokenized(tokens, batchSize);
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
            AdapterBase.Record(directory, basePath);
            if (merge) LoRA.MergeAndUnload(model);
        }
        if (config.Mode != FinetuneMode.Lora || merge) EncoderFolder.Save(model, directory, labels.Names);
        PretrainedFolder.SaveTokenizer(inputs, directory);
        labels.Save(Path.Combine(directory, LabelSet.FileName));
    }

    /// <summary>
    /// Optimizer steps a run of <paramref name="config"/> on <paramref name="task"/> takes with <paramref name="world"/>
    /// data-parallel workers: what progress bars count to before training starts.
    /// </summary>
    public static int Steps(GueTask task, FinetuneConfig config, int world = 1) =>
        config.ResolveSteps(PerRank(TrainingSubset.Count(task.Train.Count, config.MaxTrainExamples), world));

    /// <summary>Rows of an epoch each data-parallel worker takes (rank r takes every world-th batch).</summary>
    private static int PerRank(int rows, int world) => (rows + world - 1) / world;

    private sealed record FinetuneSettings(FinetuneConfig Config, string Model, string Task);

    private sealed record RunRecord(FinetuneResult Result, RunEnvironment Environment);
}
