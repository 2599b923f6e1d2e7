namespace VqDna.Sequences;

/// <summary>One contiguous piece of a feature: 0-based <paramref name="Start"/>, exclusive <paramref name="End"/>.</summary>
/// <param name="Start">First base, 0-based (GenBank's 1-based start minus one).</param>
/// <param name="End">One past the last base (GenBank's 1-based end).</param>
/// <param name="Strand">The strand of this piece.</param>
public readonly record struct FeatureSegment(int Start, int End, Strand Strand)
{
    /// <summary>Number of bases covered.</summary>
    public int Length => End - Start;
}
