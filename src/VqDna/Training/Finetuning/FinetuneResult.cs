namespace VqDna.Training.Finetuning;

/// <summary>metrics.json of a fine-tuning run. <paramref name="Encoder"/>: the backbone's size (<see cref="Models.Encoder.EncoderConfig.Shape"/>); null in files written before it was recorded.</summary>
public sealed record FinetuneResult(
    string Task, string Tokenizer, string Mode, SplitMetrics Dev, SplitMetrics Test, int BestStep, int Steps, bool StoppedEarly,
    double Minutes, ClassCounts ClassCounts, IReadOnlyList<string> Labels, FinetuneConfig Settings, string Model, string? DevSplit = null, string? Encoder = null);
