namespace VqDna.Sequences;

/// <summary>Which DNA strand a feature lies on.</summary>
public enum Strand
{
    /// <summary>The strand of the record's sequence as written.</summary>
    Forward,

    /// <summary>The complementary strand: GenBank's complement(...).</summary>
    Reverse,

    /// <summary>Segments on both strands (trans-splicing); no single orientation.</summary>
    Mixed,
}
