namespace VqDna.Sequences;

/// <summary>
/// An annotated feature of a GenBank record (CDS, gene, rRNA…), with its location resolved from
/// GenBank's location syntax (complement(), join(), order(), partial ends).
/// </summary>
/// <param name="Kind">The feature key as written: "CDS", "gene", "tRNA"…</param>
/// <param name="Segments">The pieces, in the order the location lists them (transcription order).</param>
/// <param name="Strand">Forward, Reverse, or Mixed when the pieces disagree.</param>
/// <param name="Name">The /gene qualifier, else /locus_tag, else empty.</param>
/// <param name="Product">The /product qualifier, or empty.</param>
public sealed record SequenceFeature(
    string Kind,
    IReadOnlyList<FeatureSegment> Segments,
    Strand Strand,
    string Name,
    string Product)
{
    /// <summary>First base covered by any segment (0-based).</summary>
    public int Start => Segments.Min(s => s.Start);

    /// <summary>One past the last base covered by any segment.</summary>
    public int End => Segments.Max(s => s.End);

    /// <summary>
    /// The feature's own sequence: the segments spliced in order, each reverse-complemented when
    /// it lies on the reverse strand. For a CDS this is the coding sequence, start codon first.
    /// </summary>
    public string Extract(string recordSequence)
    {
        var builder = new System.Text.StringBuilder(Segments.Sum(s => s.Length));
        foreach (var s in Segments)
        {
            if (s.End > recordSequence.Length)
                throw new ArgumentOutOfRangeException(nameof(recordSequence),
                    $"feature {Kind} '{Name}' segment {s.Start + 1}..{s.End} lies beyond the sequence end ({recordSequence.Length} bp)");
            var piece = recordSequence.AsSpan(s.Start, s.Length);
            builder.Append(s.Strand == Strand.Reverse ? Nucleotides.ReverseComplement(piece) : piece);
        }
        return builder.ToString();
    }
}
