namespace VqDna.Sequences.Readers;

/// <summary>
/// Streams FASTQ records: '@' header, one sequence line, '+' line, one quality line of the same
/// length (characters '!'..'~'). Multi-line FASTQ is rejected with the line that breaks the rule.
/// </summary>
public static class FastqReader
{
    /// <summary>Reads every record of <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IEnumerable<SequenceRecord> Read(TextReader reader, string source, SequenceReadOptions? options = null) =>
        Read(new LineReader(reader, source), options ?? SequenceReadOptions.Default);

    internal static IEnumerable<SequenceRecord> Read(LineReader lines, SequenceReadOptions options)
    {
        var sequence = new SequenceBuilder(1024);
        string? header;
        while ((header = lines.NextNonBlank()) is not null)
        {
            if (header[0] != '@')
                throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, $"expected a FASTQ '@' header, found '{Clip(header)}'");
            var text = header.AsSpan(1).Trim();
            if (text.IsEmpty) throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, "empty record name after '@'");
            int space = text.IndexOfAny(' ', '\t');
            string id = space < 0 ? text.ToString() : text[..space].ToString();
            string description = space < 0 ? "" : text[(space + 1)..].Trim().ToString();

            string seqLine = Require(lines, id, "a sequence line");
            sequence.Clear();
            var counts = new AmbiguityCounter(options.Strict);
            int bad = Nucleotides.NormalizeInto(seqLine, sequence, ref counts);
            if (bad >= 0) throw SequenceFormatException.Refused(counts, lines.Source, id, lines.LineNumber, seqLine[bad], bad + 1);

            string plus = Require(lines, id, "the '+' separator line");
            if (plus.Length == 0 || plus[0] != '+')
                throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, $"expected the '+' separator line, found '{Clip(plus)}' (multi-line FASTQ is not supported)");

            string quality = Require(lines, id, "a quality line").TrimEnd();
            if (quality.Length != sequence.Length)
                throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, $"quality line has {quality.Length} characters but the sequence has {sequence.Length}");
            for (int i = 0; i < quality.Length; i++)
                if (quality[i] < '!' || quality[i] > '~')
                    throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, $"invalid quality character '{quality[i]}' at column {i + 1}");

            yield return new SequenceRecord(id, description, sequence.ToString()) { Quality = quality, AmbiguousBases = counts.Ambiguous };
        }
    }

    private static string Require(LineReader lines, string id, string what) =>
        lines.Next() ?? throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber + 1, $"file ends where {what} was expected");

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
