namespace VqDna.Tokenizers.Learned;

/// <summary>What a <see cref="DetokenizeJob"/> run did.</summary>
/// <param name="Records">Records written.</param>
/// <param name="Bases">Bases written.</param>
/// <param name="Matched">Known reference bases (not N) decoded right; null without a reference.</param>
/// <param name="Compared">Known reference bases compared.</param>
public sealed record DetokenizeSummary(int Records, long Bases, long? Matched, long Compared)
{
    /// <summary>Reconstruction accuracy over the compared bases, or null without a reference.</summary>
    public double? Accuracy => Matched is { } m ? (double)m / Math.Max(1, Compared) : null;
}
