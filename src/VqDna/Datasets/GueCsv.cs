using VqDna.IO;
using VqDna.Sequences;

namespace VqDna.Datasets;

/// <summary>
/// Reads and writes one split of a GUE-layout task: a CSV file with the header
/// <c>sequence,label</c> (columns in either order, no others). Every row must have both fields;
/// the sequence is normalised like any other input. Errors name the file and line.
/// </summary>
public static class GueCsv
{
    /// <summary>One row as read: the normalised sequence, the raw label and the 1-based line.</summary>
    public readonly record struct Row(string Sequence, string Label, long Line)
    {
        /// <summary>IUPAC ambiguity codes other than N (R Y S W K M B D H V) read as N in this row's sequence.</summary>
        public long AmbiguousBases { get; init; }
    }

    /// <summary>
    /// Reads every row of <paramref name="path"/>. Ambiguity codes are read as N and counted per row, or
    /// refused (file, line, column of the sequence field) when <paramref name="options"/> is strict.
    /// </summary>
    public static List<Row> Read(string path, SequenceReadOptions? options = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, options);
    }

    /// <summary>The sequences of a CSV to predict on: a 'sequence' column is required, 'label' may be absent.</summary>
    public static List<string> ReadSequences(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, null, requireLabel: false).Select(r => r.Sequence).ToList();
    }

    /// <summary>Reads every row of <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static List<Row> Read(TextReader reader, string source, SequenceReadOptions? options = null) => Read(reader, source, options, requireLabel: true);

    private static List<Row> Read(TextReader reader, string source, SequenceReadOptions? options, bool requireLabel)
    {
        options ??= SequenceReadOptions.Default;
        var rows = new List<Row>();
        string? line = reader.ReadLine();
        long number = 1;
        if (line is null) throw SequenceFormatException.Malformed(source, null, 1, "empty file; expected the header 'sequence,label'");
        var header = Split(line, source, number);
        int seqCol = -1, labelCol = -1;
        for (int i = 0; i < header.Count; i++)
        {
            switch (header[i].Trim())
            {
                case "sequence" when seqCol < 0: seqCol = i; break;
                case "label" when labelCol < 0: labelCol = i; break;
                default:
                    throw SequenceFormatException.Malformed(source, null, number,
                        $"unknown or repeated column '{header[i]}' in the header; expected exactly 'sequence,label'");
            }
        }
        if (seqCol < 0 || (labelCol < 0 && requireLabel))
            throw SequenceFormatException.Malformed(source, null, number, $"header '{line}' lacks {(seqCol < 0 ? "'sequence'" : "'label'")}; expected 'sequence,label'");

        var builder = new SequenceBuilder(1024);
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = Split(line, source, number);
            if (fields.Count != header.Count)
                throw SequenceFormatException.Malformed(source, null, number, $"row has {fields.Count} fields but the header has {header.Count}");
            var seq = fields[seqCol].Trim();
            var label = labelCol < 0 ? "" : fields[labelCol].Trim();
            if (seq.Length == 0) throw SequenceFormatException.Malformed(source, null, number, "empty sequence");
            if (label.Length == 0 && requireLabel) throw SequenceFormatException.Malformed(source, null, number, "missing label");
            builder.Clear();
            var counts = new AmbiguityCounter(options.Strict);
            int bad = Nucleotides.NormalizeInto(seq, builder, ref counts);
            if (bad >= 0) throw SequenceFormatException.Refused(counts, source, null, number, seq[bad], bad + 1);
            rows.Add(new Row(builder.ToString(), label, number) { AmbiguousBases = counts.Ambiguous });
        }
        return rows;
    }

    /// <summary>Writes rows with the header <c>sequence,label</c>.</summary>
    public static void Write(string path, IEnumerable<(string Sequence, string Label)> rows)
    {
        using var output = new AtomicWriter(path);
        var writer = output.Writer;
        writer.WriteLine("sequence,label");
        foreach (var (sequence, label) in rows)
        {
            if (label.Contains(',') || label.Contains('"')) throw new ArgumentException($"label '{label}' contains a comma or quote");
            writer.Write(sequence);
            writer.Write(',');
            writer.WriteLine(label);
        }
        output.Commit();
    }

    /// <summary>Splits one CSV line; double-quoted fields may hold commas and "" for a quote.</summary>
    internal static List<string> Split(string line, string source, long number)
    {
        var fields = new List<string>(2);
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw SequenceFormatException.Malformed(source, null, number, "unterminated quoted field");
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
