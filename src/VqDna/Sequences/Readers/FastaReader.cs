namespace VqDna.Sequences.Readers;

/// <summary>
/// Streams FASTA / multi-FASTA records. Memory is one record's sequence plus one line: the file
/// is never loaded whole. Blank lines are skipped; text before the first '&gt;' is an error.
/// </summary>
public static class FastaReader
{
    /// <summary>Reads every record of <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IEnumerable<SequenceRecord> Read(TextReader reader, string source, SequenceReadOptions? options = null) =>
        Read(new LineReader(reader, source), options ?? SequenceReadOptions.Default);

    internal static IEnumerable<SequenceRecord> Read(LineReader lines, SequenceReadOptions options)
    {
        var sequence = new SequenceBuilder(1 << 16);
        string? line = lines.NextNonBlank();
        if (line is null) yield break;
        if (line[0] != '>')
            throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, "expected a '>' header line before any sequence");
        while (line is not null)
        {
            var (id, description) = ParseHeader(line, lines);
            sequence.Clear();
            var counts = new AmbiguityCounter(options.Strict);
            while ((line = lines.Next()) is not null && (line.Length == 0 || line[0] != '>'))
            {
                int bad = Nucleotides.NormalizeInto(line, sequence, ref counts);
                if (bad >= 0) throw SequenceFormatException.Refused(counts, lines.Source, id, lines.LineNumber, line[bad], bad + 1);
            }
            yield return new SequenceRecord(id, description, sequence.ToString()) { AmbiguousBases = counts.Ambiguous };
        }
    }

    private static (string Id, string Description) ParseHeader(string line, LineReader lines)
    {
        var header = line.AsSpan(1).Trim();
        if (header.IsEmpty) throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, "empty record name after '>'");
        int space = header.IndexOfAny(' ', '\t');
        return space < 0 ? (header.ToString(), "") : (header[..space].ToString(), header[(space + 1)..].Trim().ToString());
    }
}
