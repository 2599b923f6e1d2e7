namespace VqDna.Sequences.Readers;

/// <summary>
/// Reads any supported sequence file: compression is detected from the first bytes (gzip, xz,
/// bzip2, zstd), the format from the first non-blank line ('&gt;' FASTA, '@' FASTQ, LOCUS GenBank).
/// </summary>
public static class SequenceFile
{
    /// <summary>Streams the records of <paramref name="path"/> ("-": standard input); the file stays open until enumeration ends.</summary>
    public static IEnumerable<SequenceRecord> Read(string path, SequenceReadOptions? options = null)
    {
        using var reader = CompressedFile.OpenText(path);
        foreach (var record in Read(reader, CompressedFile.DisplayName(path), options)) yield return record;
    }

    /// <summary>Streams the records of <paramref name="reader"/>, detecting the format.</summary>
    public static IEnumerable<SequenceRecord> Read(TextReader reader, string source, SequenceReadOptions? options = null)
    {
        options ??= SequenceReadOptions.Default;
        var lines = new LineReader(reader, source);
        var first = lines.NextNonBlank();
        if (first is null) return [];
        lines.PushBack(first);
        return Detect(first, lines) switch
        {
            SequenceFormat.Fasta => FastaReader.Read(lines, options),
            SequenceFormat.Fastq => FastqReader.Read(lines, options),
            _ => GenBankReader.Read(lines, options),
        };
    }

    /// <summary>The format of <paramref name="path"/>, from its first non-blank line.</summary>
    public static SequenceFormat DetectFormat(string path)
    {
        using var reader = CompressedFile.OpenText(path);
        var lines = new LineReader(reader, CompressedFile.DisplayName(path));
        var first = lines.NextNonBlank() ?? throw SequenceFormatException.Unreadable(path, "the file is empty");
        return Detect(first, lines);
    }

    internal static SequenceFormat Detect(string first, LineReader lines)
    {
        if (first.StartsWith('>')) return SequenceFormat.Fasta;
        if (first.StartsWith('@')) return SequenceFormat.Fastq;
        if (first.StartsWith("LOCUS", StringComparison.Ordinal)) return SequenceFormat.GenBank;
        throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber + 1,
            "unknown sequence format: expected '>' (FASTA), '@' (FASTQ) or 'LOCUS' (GenBank) on the first line");
    }
}
