namespace VqDna.Training.Engine;

/// <summary>How a run ended.</summary>
/// <param name="Steps">Steps done in all (resumed ones included).</param>
/// <param name="StoppedEarly">True when an evaluation asked to stop before the last step.</param>
/// <param name="Elapsed">Training time in this process.</param>
public sealed record TrainingOutcome(int Steps, bool StoppedEarly, TimeSpan Elapsed);
