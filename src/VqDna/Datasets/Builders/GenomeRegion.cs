namespace VqDna.Datasets.Builders;

/// <summary>A half-open stretch [<paramref name="Start"/>, <paramref name="End"/>) of one record of a source.</summary>
/// <param name="Record">Index of the record in the list the builder loaded.</param>
/// <param name="Start">First base, 0-based.</param>
/// <param name="End">One past the last base.</param>
public readonly record struct GenomeRegion(int Record, int Start, int End)
{
    /// <summary>Number of bases.</summary>
    public int Length => End - Start;
}
