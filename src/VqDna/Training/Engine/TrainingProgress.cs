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
