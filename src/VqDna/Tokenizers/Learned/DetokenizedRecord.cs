namespace VqDna.Tokenizers.Learned;

/// <summary>One record rebuilt by <see cref="DetokenizeJob"/>.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Length">Bases written.</param>
/// <param name="Matched">Known reference bases (not N) decoded right; null without a reference.</param>
/// <param name="Compared">Known reference bases compared (0 without a reference).</param>
public sealed record DetokenizedRecord(string Id, long Length, long? Matched, long Compared)
{
    /// <summary>Matched / Compared, or null without a reference.</summary>
    public double? Accuracy => Matched is { } m ? (double)m / Math.Max(1, Compared) : null;
}
