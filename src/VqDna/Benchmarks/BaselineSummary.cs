namespace VqDna.Benchmarks;

/// <summary>A classical baseline's column summary in the benchmark table.</summary>
/// <param name="Baseline">"kmer-lr" or "cnn".</param>
/// <param name="AverageRank">Mean over tasks of its rank among tokenizers and baselines (lower is better).</param>
/// <param name="Minutes">Fitting time summed over tasks and seeds (no pre-training: it has none).</param>
/// <param name="Parameters">Trainable parameters of its fitted models, the largest over tasks.</param>
public sealed record BaselineSummary(string Baseline, double AverageRank, double Minutes, long Parameters);
