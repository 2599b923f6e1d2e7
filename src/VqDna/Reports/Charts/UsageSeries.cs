namespace VqDna.Reports.Charts;

/// <summary>How often each entry of one vocabulary was used: one count per code (or token id).</summary>
/// <param name="Label">Legend text, e.g. "level 1 (K 512)" or "6-mer".</param>
/// <param name="Counts">Uses per code, indexed by code.</param>
public sealed record UsageSeries(string Label, IReadOnlyList<long> Counts);
