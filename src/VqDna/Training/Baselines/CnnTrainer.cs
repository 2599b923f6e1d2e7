using System.Globalization;
using VqDna.Datasets;
using VqDna.Models.Baselines;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>
/// Trains the convolutional baseline through the shared engine (resumable, seeded per step, progress, metrics.jsonl;
/// <c>TrainingRunCharts.Baseline</c> draws its curves): batches in a fresh order per epoch, four dev evaluations per epoch, the weights of the best dev MCC
/// kept, early stopping. Writes the model (config.json with model_type "cnn", model.safetensors) into the folder.
/// </summary>
public static class CnnTrainer
{
    /// <summary>The best weights so far, beside the checkpoint: training state, removed with it when the run ends (`--keep-checkpoints` keeps both).</summary>
    public const string BestFile = "best.safetensors";

    /// <summary>Sequences per forward pass when scoring a split.</summary>
    private const int ScoreBatch = 128;

    /// <summary>
    /// Trains the network on <paramref name="task"/> into <paramref name="outputDirectory"/>, resuming a checkpoint there; returns the
    /// scores of the best dev step.
    /// </summary>
    public static BaselineResult Train(GueTask task, CnnTrainingConfig config, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        using var folder = RunFolder.Begin(outputDirectory, new Settings(config, task.Name), TaskFingerprint.Of(task), allowDataChange: false);
        torch.manual_seed(config.Seed);
        var shape = new OneHotCnnConfig(task.Labels.Count, config.Channels, config.KernelSize, config.PoolSize, config.Dropout);
        using var model = new OneHotCnn(shape);
        var train = task.Train;
        var optimization = config.Optimization(config.Steps(train.Count));
        using var optimizer = optimization.CreateOptimizer(model);
        var order = new EpochOrder(train.Count, config.BatchSize, config.Seed);
        var strands = new StrandAugmentation(train.Count, config.Seed, config.ReverseComplement);
        var sequences = strands.Sequences(train.Select(r => r.Sequence).ToList());
        var best = new BestModelTracker(folder.PathOf(BestFile), config.Patience, BestModelTracker.MinimumStepOf(optimization.Steps));
        var loop = new TrainingLoop(folder, optimization)
        {
            BasesPerStep = (long)(train.Average(s => (double)s.Sequence.Length) * config.BatchSize),
            EvaluateEvery = config.EvaluateEvery(train.Count),
            Evaluate = step =>
            {
                var dev = Score(model, task.Dev, task.Labels.Count);
                return new EvaluationResult(dev.ToMetrics(), best.Update(step, dev.Mcc, model));
            },
            SaveState = best.Save,
            LoadState = best.Load,
        };
        var outcome = loop.Run(model, optimizer, (step, _, _) =>
        {
            var indices = order.Batch(step).ToList();
            var rows = indices.Select(i => train[i]).ToList();
            using var batch = OneHotBatch.Of(strands.Pick(step, indices).Select(i => sequences[i]).ToList(), shape.MinLength);
            return ClassificationStepDetails.Step(model.Forward(batch), rows);
        }, progress, cancellation);

        best.Restore(model);
        var devMetrics = Score(model, task.Dev, task.Labels.Count);
        var testMetrics = Score(model, task.Test, task.Labels.Count);
        OneHotCnnFolder.Save(model, outputDirectory);
        return new BaselineResult(task.Name, BaselineKind.Cnn.Name(), devMetrics, testMetrics, outcome.Elapsed.TotalMinutes, task.Labels.Names,
            config.Seed, string.Create(CultureInfo.InvariantCulture, $"best step {best.BestStep} of {outcome.Steps}{(outcome.StoppedEarly ? " (stopped early)" : "")}"),
            model.ParameterCount());
    }

    /// <summary>Throws, touching nothing, when <see cref="Train"/> would refuse <paramref name="outputDirectory"/>'s checkpoint (<see cref="RunFolder.CheckResumable{T}"/>).</summary>
    public static void CheckResumable(GueTask task, CnnTrainingConfig config, string outputDirectory) =>
        RunFolder.CheckResumable(outputDirectory, new Settings(config, task.Name), TaskFingerprint.Of(task), allowDataChange: false);

    /// <summary>Scores of the model as it is now, in eval mode, without gradients.</summary>
    public static SplitMetrics Score(OneHotCnn model, IReadOnlyList<LabelledSequence> split, int classes)
    {
        var probabilities = model.Probabilities(split.Select(s => s.Sequence).ToList(), ScoreBatch);
        return SplitMetrics.Compute(split.Select(s => s.Label).ToList(), probabilities.Select(p => Array.IndexOf(p, p.Max())).ToList(), classes);
    }

    private sealed record Settings(CnnTrainingConfig Config, string Task);
}
