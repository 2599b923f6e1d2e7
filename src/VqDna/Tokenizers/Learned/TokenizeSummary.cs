namespace VqDna.Tokenizers.Learned;

/// <summary>What a <see cref="TokenizeJob"/> run did.</summary>
/// <param name="Records">Records tokenized.</param>
/// <param name="Bases">Positions in all.</param>
/// <param name="NBases">N positions (ambiguity codes read as N included).</param>
/// <param name="AmbiguousBases">IUPAC ambiguity codes other than N that were read as N.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record TokenizeSummary(int Records, long Bases, long NBases, long AmbiguousBases, TimeSpan Elapsed)
{
    /// <summary>Positions per second.</summary>
    public double BasesPerSecond => Bases / Math.Max(1e-9, Elapsed.TotalSeconds);
}
