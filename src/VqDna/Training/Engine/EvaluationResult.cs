namespace VqDna.Training.Engine;

/// <summary>A held-out evaluation: named measures, and whether training should stop (early stopping).</summary>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, bool Stop = false);
