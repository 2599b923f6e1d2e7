using System.Diagnostics;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

namespace VqDna.Training.Engine;

/// <summary>
/// The training engine the tokenizer, pre-training and fine-tuning trainers share: resume from the folder's
/// checkpoint, per-step seeding, warm-up + cosine learning rate, gradient accumulation, clipping, AdamW,
/// NaN detection, periodic evaluation with early stopping, metrics.jsonl and atomic checkpoints. A trainer
/// supplies only the step's forward pass (<see cref="Run"/>'s step function) and its own measures.
/// </summary>
public sealed class TrainingLoop(RunFolder folder, OptimizationConfig optimization)
{
    private const string StoppedKey = "stopped_early";

    /// <summary>Nucleotides one optimizer step trains on (all micro-batches), for throughput and budgets.</summary>
    public long BasesPerStep { get; init; }

    /// <summary>Steps between evaluations (0: only <see cref="Evaluate"/> at the last step, if set).</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>Held-out evaluation after a step (its 1-based count); may ask to stop early.</summary>
    public Func<int, EvaluationResult>? Evaluate { get; init; }

    /// <summary>Trainer state saved in the checkpoint's metadata (e.g. the best dev score so far).</summary>
    public Func<IReadOnlyDictionary<string, string>>? SaveState { get; init; }

    /// <summary>Receives the trainer state of the checkpoint a run resumes from.</summary>
    public Action<IReadOnlyDictionary<string, string>>? LoadState { get; init; }

    /// <summary>
    /// Trains <paramref name="model"/> to the last step. <paramref name="step"/> gets (step, micro-batch,
    /// the step's sampler) and returns the micro-batch's loss; it runs inside a dispose scope, after
    /// libtorch was seeded for the step.
    /// </summary>
    public TrainingOutcome Run(Module model, AdamW optimizer, Func<int, int, Random, StepOutput> step,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        optimization.Validate();
        int start = 0;
        if (folder.HasCheckpoint)
        {
            var (checkpointStep, state) = Checkpoint.Load(folder.PathOf(RunFolder.CheckpointFile), model, optimizer);
            start = checkpointStep;
            LoadState?.Invoke(state);
            if (state.TryGetValue(StoppedKey, out var stopped) && stopped == "true") return new TrainingOutcome(start, true, TimeSpan.Zero);
        }
        int total = optimization.Steps, accumulation = optimization.AccumulationSteps, lastCheckpoint = start;
        var schedule = new WarmupCosineSchedule(optimization.LearningRate, optimization.ResolvedWarmupSteps, total, optimization.MinLrRatio);
        var trainable = optimizer.Parameters;
        using var metrics = MetricsLog.Open(folder.PathOf(RunFolder.MetricsFile), start);
        var watch = Stopwatch.StartNew();
        model.Train();
        for (int s = start; s < total; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            var random = StepSeeds.Begin(optimization.Seed, s);
            double lr = schedule.LearningRate(s), lossSum = 0;
            StepDetails? details = null;
            for (int micro = 0; micro < accumulation; micro++)
            {
                using var scope = torch.NewDisposeScope();
                var output = step(s, micro, random);
                double loss = output.Loss.item<double>();
                if (!double.IsFinite(loss)) throw TrainingDivergedException.At(s, loss, lr, lastCheckpoint);
                var scaled = accumulation > 1 ? output.Loss / accumulation : output.Loss;
                scaled.backward();
                (lossSum, details) = (lossSum + loss, output.Details);
            }
            using (torch.NewDisposeScope())
            {
                GradientClipping.clip_grad_norm_(trainable, optimization.GradientClip);
                optimizer.lr = lr;
                optimizer.Step();
                optimizer.ZeroGrad();
            }

            int done = s + 1;
            bool last = done == total;
            var evaluation = Evaluate is not null && ((EvaluateEvery > 0 && done % EvaluateEvery == 0) || last) ? Evaluate(done) : null;
            if (evaluation is not null) model.Train();
            double seconds = watch.Elapsed.TotalSeconds;
            var report = new TrainingProgress(done, total, lossSum / accumulation, lr, (done - start) * BasesPerStep / seconds,
                done * BasesPerStep, watch.Elapsed, TimeSpan.FromSeconds(seconds / (done - start) * (total - done)), start > 0,
                details!, evaluation?.Metrics);
            metrics.Write(MetricsLine(report));
            progress?.Report(report);
            bool stop = evaluation?.Stop == true && !last;
            if (done % optimization.CheckpointEvery == 0 || last || stop)
            {
                metrics.Flush();
                var state = new Dictionary<string, string>(SaveState?.Invoke() ?? new Dictionary<string, string>());
                if (stop) state[StoppedKey] = "true";
                Checkpoint.Save(folder.PathOf(RunFolder.CheckpointFile), model, optimizer, done, state);
                lastCheckpoint = done;
            }
            if (stop) return new TrainingOutcome(done, true, watch.Elapsed);
        }
        return new TrainingOutcome(total, false, watch.Elapsed);
    }

    private static Dictionary<string, object?> MetricsLine(TrainingProgress p)
    {
        var line = new Dictionary<string, object?> { ["step"] = p.Step, ["loss"] = Math.Round(p.Loss, 6) };
        foreach (var (key, value) in p.Details.Fields()) line[key] = value;
        line["lr"] = p.LearningRate;
        line["bases_per_second"] = Math.Round(p.BasesPerSecond);
        line["bases_seen"] = p.BasesSeen;
        if (p.Evaluation is { } evaluation)
            foreach (var (key, value) in evaluation) line["eval_" + key] = Math.Round(value, 6);
        return line;
    }
}
