namespace VqDna.Quickstart;

/// <summary>One fine-tuning run's scores (one task, one tokenizer, one seed).</summary>
/// <param name="Task">Task name.</param>
/// <param name="Tokenizer">Tokenizer label (hrq, 6mer…).</param>
/// <param name="Seed">Fine-tuning seed.</param>
/// <param name="DevMcc">Dev MCC of the selected model.</param>
/// <param name="TestMcc">Test MCC.</param>
/// <param name="TestF1">Test macro F1.</param>
/// <param name="TestAccuracy">Test accuracy.</param>
/// <param name="Minutes">Fine-tuning wall time.</param>
public sealed record QuickstartScore(string Task, string Tokenizer, ulong Seed, double DevMcc, double TestMcc, double TestF1, double TestAccuracy, double Minutes);
