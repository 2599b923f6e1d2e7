namespace VqDna.Benchmarks;

/// <summary>A linear probe's scores on one task.</summary>
/// <param name="Task">The task folder's name.</param>
/// <param name="Metric">"mcc" or "f1_macro".</param>
/// <param name="Tokenizer">The backbone's tokenizer.</param>
/// <param name="Test">Test score of the probe chosen on dev.</param>
/// <param name="Dev">Its dev score.</param>
/// <param name="WeightDecay">The weight decay chosen on dev MCC.</param>
/// <param name="Minutes">Features and fit, wall clock.</param>
public sealed record ProbeScore(string Task, string Metric, string Tokenizer, double Test, double Dev, double WeightDecay, double Minutes);
