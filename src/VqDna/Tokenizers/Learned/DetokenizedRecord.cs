namespace VqDna.Tokenizers.Learned;

/// <summary>One record rebuilt by <see cref="DetokenizeJob"/>.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Length">Bases written.</param>
/// <param name="Matched">Bases equal to the reference's (null without a reference).</param>
public sealed record DetokenizedRecord(string Id, long Length, long? Matched)
{
    /// <summary>Matched / Length, or null.</summary>
    public double? Accuracy => Matched is { } m ? (double)m / Math.Max(1, Length) : null;
}
