namespace VqDna.Sequences;

/// <summary>The sequence file formats we read, detected from the first non-blank line.</summary>
public enum SequenceFormat
{
    /// <summary>FASTA or multi-FASTA: '&gt;' header lines, sequence lines.</summary>
    Fasta,

    /// <summary>FASTQ: four-line records '@' header, sequence, '+', qualities.</summary>
    Fastq,

    /// <summary>GenBank flat file: LOCUS … FEATURES … ORIGIN … //.</summary>
    GenBank,
}
