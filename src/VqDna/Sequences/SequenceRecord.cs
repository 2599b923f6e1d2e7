namespace VqDna.Sequences;

/// <summary>
/// One sequence read from a FASTA, FASTQ or GenBank file, normalised to A, C, G, T and N.
/// </summary>
/// <param name="Id">The identifier: the first word of a FASTA/FASTQ header, the accession.version of a GenBank record.</param>
/// <param name="Description">The rest of the header line, or GenBank's DEFINITION.</param>
/// <param name="Sequence">The normalised sequence.</param>
public sealed record SequenceRecord(string Id, string Description, string Sequence)
{
    /// <summary>Annotated features (GenBank only; empty otherwise).</summary>
    public IReadOnlyList<SequenceFeature> Features { get; init; } = [];

    /// <summary>Per-base quality string as written (FASTQ only; null otherwise).</summary>
    public string? Quality { get; init; }

    /// <summary>IUPAC ambiguity codes other than N (R Y S W K M B D H V) that were read as N.</summary>
    public long AmbiguousBases { get; init; }

    /// <summary>Sequence length in bases.</summary>
    public int Length => Sequence.Length;
}
