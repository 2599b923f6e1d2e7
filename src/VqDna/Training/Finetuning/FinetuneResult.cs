namespace VqDna.Training.Finetuning;

/// <summary>metrics.json of a fine-tuning run.</summary>
public sealed record FinetuneResult(
    string Task, string Tokenizer, string Mode, SplitMetrics Dev, SplitMetrics Test, int BestStep, int Steps, bool StoppedEarly,
    double Minutes, ClassCounts ClassCounts, IReadOnlyList<string> Labels, FinetuneConfig Settings, string Model, string? DevSplit = null);
