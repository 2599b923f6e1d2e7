using System.Diagnostics;
using VqDna.Models.Engines;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

namespace VqDna.Training.Engine;

/// <summary>
/// The training engine the tokenizer, pre-training and fine-tuning trainers share: resume from the folder's
/// checkpoint, per-step seeding, warm-up + cosine learning rate, gradient accumulation, clipping, AdamW,
/// NaN detection, periodic evaluation with early stopping, metrics.jsonl and atomic checkpoints. A trainer
/// supplies only the step's forward pass (<see cref="Run"/>'s step function) and its own measures.
/// With a <see cref="Group"/> the loop is data-parallel: rank 0 resumes and broadcasts the state, each rank
/// draws its own batches (seeded by step and rank), gradients are averaged before clipping, and rank 0 alone
/// evaluates, writes metrics and checkpoints and reports progress.
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

    /// <summary>Receives the trainer state of the checkpoint a run resumes from (on rank 0 only, under DDP).</summary>
    public Action<IReadOnlyDictionary<string, string>>? LoadState { get; init; }

    /// <summary>The data-parallel group (null: this process trains alone). Each rank's batch is a share of the global one.</summary>
    public ProcessGroup? Group { get; init; }

    /// <summary>
    /// Where the model lives and how its forwards compute (issue 18): under bf16 each micro-batch's step function
    /// (forward and loss) runs inside autocast, its backward outside; on CUDA float32 matmuls may use TF32 for the
    /// run. The CPU in fp32 (the default) changes nothing. The trainer moves the model there before making the optimizer.
    /// </summary>
    public DeviceSettings Compute { get; init; } = DeviceSettings.Cpu;

    /// <summary>
    /// Trains <paramref name="model"/> to the last step. <paramref name="step"/> gets (step, micro-batch,
    /// the step's sampler) and returns the micro-batch's loss; it runs inside a dispose scope, after
    /// libtorch was seeded for the step.
    /// </summary>
    public TrainingOutcome Run(Module model, AdamW optimizer, Func<int, int, Random, StepOutput> step,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        optimization.Validate();
        var group = Group;
        bool main = group is null || group.IsMain;
        int rank = group?.Rank ?? 0, world = group?.WorldSize ?? 1;
        int start = 0;
        bool stopped = false;
        if (main && folder.HasCheckpoint)
        {
            var (checkpointStep, state) = Checkpoint.Load(folder.PathOf(RunFolder.CheckpointFile), model, optimizer);
            start = checkpointStep;
            LoadState?.Invoke(state);
            stopped = state.TryGetValue(StoppedKey, out var flag) && flag == "true";
        }
        DistributedDataParallel? ddp = null;
        if (group is not null)
        {
            // Rank 0's step, weights, buffers and moments: every replica resumes where rank 0's checkpoint left off.
            start = (int)group.broadcast(start);
            stopped = group.broadcast(stopped ? 1 : 0) == 1;
            ddp = new DistributedDataParallel(model, group, optimizer.Parameters);
            var moments = optimizer.StateDict();
            group.broadcast(moments.Values.ToList());
            optimizer.LoadStateDict(moments, start);
        }
        if (stopped) return new TrainingOutcome(start, true, TimeSpan.Zero);
        int total = optimization.Steps, accumulation = optimization.AccumulationSteps, lastCheckpoint = start;
        var schedule = new WarmupCosineSchedule(optimization.LearningRate, optimization.ResolvedWarmupSteps ?? OptimizationConfig.DefaultWarmup(total), total, optimization.MinLrRatio);
        var trainable = optimizer.Parameters;
        using var metrics = main ? MetricsLog.Open(folder.PathOf(RunFolder.MetricsFile), start) : null;
        long basesPerStep = BasesPerStep * world;
        var watch = Stopwatch.StartNew();
        using var tf32 = MatmulPrecision.For(Compute.Device);
        var eta = new EtaEstimator();
        model.Train();
        for (int s = start; s < total; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            double stepStart = watch.Elapsed.TotalSeconds;
            var random = StepSeeds.Begin(optimization.Seed, s, rank);
            double lr = schedule.LearningRate(s), lossSum = 0;
            StepDetails? details = null;
            for (int micro = 0; micro < accumulation; micro++)
            {
                using var scope = torch.NewDisposeScope();
                var output = Forward(() => step(s, micro, random));
                double loss = output.Loss.item<double>();
                if (!double.IsFinite(loss)) throw TrainingDivergedException.At(s, loss, lr, lastCheckpoint);
                var scaled = accumulation > 1 ? output.Loss / accumulation : output.Loss;
                if (ddp is null) scaled.backward();
                else using (micro < accumulation - 1 ? ddp.no_sync() : null) ddp.backward(scaled);   // averaged once per step
                (lossSum, details) = (lossSum + loss, output.Details);
            }
            using (torch.NewDisposeScope())
            {
                if (group is not null) lossSum = GlobalMean(group, lossSum);
                GradientClipping.clip_grad_norm_(trainable, optimization.GradientClip);
                optimizer.lr = lr;
                optimizer.Step();
                optimizer.ZeroGrad();
            }

            int done = s + 1;
            bool last = done == total;
            bool evaluates = Evaluate is not null && ((EvaluateEvery > 0 && done % EvaluateEvery == 0) || last);
            double evaluationStart = watch.Elapsed.TotalSeconds;
            eta.Step(evaluationStart - stepStart);
            var evaluation = evaluates && main ? Evaluate!(done) : null;
            if (evaluation is not null)
            {
                model.Train();
                eta.Evaluation(watch.Elapsed.TotalSeconds - evaluationStart);
            }
            double seconds = watch.Elapsed.TotalSeconds;
            var remaining = eta.Remaining(total - done, Evaluate is null ? 0 : EtaEstimator.EvaluationsLeft(done, total, EvaluateEvery));
            var report = new TrainingProgress(done, total, lossSum / accumulation, lr, (done - start) * basesPerStep / seconds,
                done * basesPerStep, watch.Elapsed, remaining, start > 0, details!, evaluation?.Metrics);
            bool stop = evaluation?.Stop == true && !last;
            if (evaluates && group is not null) stop = group.broadcast(stop ? 1 : 0) == 1;   // rank 0 decides for all
            bool checkpoint = done % optimization.CheckpointEvery == 0 || last || stop;
            if (checkpoint && group is not null) ReplicaCheck.Verify(group, model, done);
            if (!main)
            {
                if (stop) return new TrainingOutcome(done, true, watch.Elapsed);
                continue;
            }
            metrics!.Write(MetricsLine(report));
            progress?.Report(report);
            if (checkpoint)
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

    /// <summary>The step function, under bf16 autocast when <see cref="Compute"/> asks for it.</summary>
    private StepOutput Forward(Func<StepOutput> step)
    {
        if (Compute.Precision != Precision.BF16) return step();
        using var autocast = Compute.Precision.Autocast(Compute.Device);
        return step();
    }

    /// <summary>TF32 float32 matmuls on CUDA for the run's length ("high", as PyTorch advises for training), then the previous setting back.</summary>
    private sealed class MatmulPrecision(string previous) : IDisposable
    {
        public static MatmulPrecision? For(Device device)
        {
            if (!device.is_cuda) return null;
            var previous = torch.get_float32_matmul_precision();
            torch.set_float32_matmul_precision("high");
            return new MatmulPrecision(previous);
        }

        public void Dispose() => torch.set_float32_matmul_precision(previous);
    }

    /// <summary>The mean over ranks of a per-rank loss sum: the loss of the global batch, as one process would log it.</summary>
    private static double GlobalMean(ProcessGroup group, double value)
    {
        using var t = torch.tensor(new[] { value }, [1]);
        group.all_reduce(t);
        return t.item<double>() / group.WorldSize;
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
