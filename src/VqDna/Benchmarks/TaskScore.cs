using VqDna.Evaluation;

namespace VqDna.Benchmarks;

/// <summary>One cell of the benchmark table: a tokenizer's test score on a task over the fine-tuning seeds.</summary>
/// <param name="Task">The task folder's name.</param>
/// <param name="Metric">"mcc" or "f1_macro" (see <see cref="TaskMetric"/>).</param>
/// <param name="Tokenizer">The tokenizer's name.</param>
/// <param name="Mean">Mean of <paramref name="Values"/>.</param>
/// <param name="Std">Sample standard deviation of <paramref name="Values"/> (0 for one seed).</param>
/// <param name="Values">The test score of each seed, in seed order.</param>
/// <param name="Rank">Rank among the tokenizers on this task by <paramref name="Mean"/>: 1 is best, ties share the mean of their places.</param>
/// <param name="FinetuneMinutes">Fine-tuning time summed over the seeds.</param>
public sealed record TaskScore(string Task, string Metric, string Tokenizer, double Mean, double Std, IReadOnlyList<double> Values, double Rank, double FinetuneMinutes);
