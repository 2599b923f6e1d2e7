namespace VqDna.Training.Engine;

/// <summary>One optimizer step's report, for the progress display and metrics.jsonl.</summary>
/// <param name="Step">Steps done (1-based).</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Loss">The step's training loss (mean over its micro-batches).</param>
/// <param name="LearningRate">The learning rate the step used.</param>
/// <param name="BasesPerSecond">Nucleotides per second since this process started training.</param>
/// <param name="BasesSeen">Nucleotides trained on since step 0.</param>
/// <param name="Elapsed">Time since this process started training.</param>
/// <param name="Remaining">Estimated time to the last step (<see cref="EtaEstimator"/>); null while the first steps are still warming up.</param>
/// <param name="Resumed">True when this process resumed from a checkpoint.</param>
/// <param name="Details">What the trainer measured besides the loss (accuracy, code usage…).</param>
/// <param name="Evaluation">Held-out measures, on the steps that evaluate; null otherwise.</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    double Loss,
    double LearningRate,
    double BasesPerSecond,
    long BasesSeen,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    bool Resumed,
    StepDetails Details,
    IReadOnlyDictionary<string, double>? Evaluation = null)
{
    /// <summary>The progress line every display shows: step, loss, the trainer's measures, throughput and ETA.</summary>
    public string Describe()
    {
        var evaluation = Evaluation is null ? "" : "  dev " + string.Join(" ", Evaluation.Select(kv => $"{kv.Key} {kv.Value:F4}"));
        return $"step {Step}/{TotalSteps}  loss {Loss:F4}  {Details.Describe()}{evaluation}  {BasesPerSecond / 1000:F1} kbp/s  ETA {(Remaining is { } left ? left.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "…")}";
    }
}

/// <summary>A trainer's own measures of one step: shown on the progress line and written to metrics.jsonl.</summary>
public abstract record StepDetails
{
    /// <summary>A short text for the progress line, e.g. "acc 93.1%".</summary>
    public abstract string Describe();

    /// <summary>snake_case fields for metrics.jsonl.</summary>
    public abstract IEnumerable<KeyValuePair<string, object?>> Fields();
}

/// <summary>What one micro-batch of a step produced: the loss to back-propagate and the trainer's measures.</summary>
public sealed record StepOutput(VqDna.Torch.Tensor Loss, StepDetails Details);

/// <summary>A held-out evaluation: named measures, and whether training should stop (early stopping).</summary>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, bool Stop = false);

/// <summary>How a run ended.</summary>
/// <param name="Steps">Steps done in all (resumed ones included).</param>
/// <param name="StoppedEarly">True when an evaluation asked to stop before the last step.</param>
/// <param name="Elapsed">Training time in this process.</param>
public sealed record TrainingOutcome(int Steps, bool StoppedEarly, TimeSpan Elapsed);
