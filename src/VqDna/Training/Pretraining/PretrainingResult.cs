namespace VqDna.Training.Pretraining;

/// <summary>What a pre-training run produced.</summary>
public sealed record PretrainingResult(string Tokenizer, PretrainingEvaluation Evaluation, int Steps, long Parameters, double Minutes);
