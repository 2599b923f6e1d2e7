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
    /// <summary>
    /// The progress line every display shows: step, loss, the trainer's measures, the held-out measures, throughput and
    /// ETA. On a step that does not evaluate, <paramref name="lastEvaluated"/>'s measures are shown marked with their step
    /// ("dev@4564 mcc …"), so a display that redraws every step keeps the latest dev score in view.
    /// </summary>
    public string Describe(TrainingProgress? lastEvaluated = null)
    {
        var (measures, label) = Evaluation is not null ? (Evaluation, "dev") : (lastEvaluated?.Evaluation, $"dev@{lastEvaluated?.Step}");
        var evaluation = measures is null ? "" : $"  {label} " + string.Join(" ", measures.Select(kv => $"{kv.Key} {kv.Value:F4}"));
        return $"step {Step}/{TotalSteps}  loss {Loss:F4}  {Details.Describe()}{evaluation}  {BasesPerSecond / 1000:F1} kbp/s  ETA {(Remaining is { } left ? left.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "…")}";
    }
}
