using System.Globalization;
using VqDna.Datasets;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Inference;

/// <summary>
/// What `predict` and `embed` read, streamed: a CSV with a <c>sequence</c> column (other columns allowed; an
/// <c>id</c> column names the rows, else their 1-based row number; a <c>label</c> column is kept for scoring),
/// or FASTA/GenBank/FASTQ records (id = record id, commas replaced so the CSV output stays parseable).
/// </summary>
public static class PredictionInputs
{
    /// <summary>Whether <paramref name="path"/> is read as a CSV table (by its extension).</summary>
    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The inputs of <paramref name="path"/>, read lazily.</summary>
    public static IEnumerable<PredictionInput> Read(string path, SequenceReadOptions? options = null) =>
        IsCsv(path) ? ReadCsv(path, options ?? SequenceReadOptions.Default)
            : SequenceFile.Read(path, options).Select(r => new PredictionInput(r.Id.Replace(',', '_'), r.Sequence));

    /// <summary>
    /// What `predict` and `embed` classify or embed, read lazily: each input whole, or cut into <paramref name="windows"/>.
    /// A sequence file's records are cut as their bases stream in (<see cref="StreamedWindows"/>), so memory holds one
    /// window, not one record; CSV rows are read whole first (a row is one CSV line).
    /// </summary>
    public static IEnumerable<PredictionSpan> ReadSpans(string path, SequenceWindows? windows, SequenceReadOptions? options = null)
    {
        if (windows is null) return Read(path, options).Select(PredictionSpan.Whole);
        if (IsCsv(path)) return Read(path, options).SelectMany(input => PredictionSpan.Cut(input, windows));
        return StreamedFile(path, windows, options);
    }

    private static IEnumerable<PredictionSpan> StreamedFile(string path, SequenceWindows windows, SequenceReadOptions? options)
    {
        using var reader = SequenceStreamReader.Open(path, options);
        foreach (var span in StreamedWindows.Read(reader, windows)) yield return span;
    }

    /// <summary>Whether the CSV at <paramref name="path"/> has a <c>label</c> column (predictions are then scored).</summary>
    public static bool HasLabels(string path)
    {
        if (!IsCsv(path)) return false;
        using var reader = new StreamReader(path);
        var line = reader.ReadLine();
        return line is not null && GueCsv.Split(line, path, 1).Any(h => h.Trim() == "label");
    }

    private static IEnumerable<PredictionInput> ReadCsv(string path, SequenceReadOptions options)
    {
        using var reader = new StreamReader(path);
        string? line = reader.ReadLine();
        long number = 1;
        if (line is null) throw SequenceFormatException.Malformed(path, null, 1, "empty file; expected a header with a 'sequence' column");
        var header = GueCsv.Split(line, path, number).Select(h => h.Trim()).ToList();
        int Column(string name)
        {
            int at = header.IndexOf(name);
            if (at >= 0 && header.LastIndexOf(name) != at)
                throw SequenceFormatException.Malformed(path, null, number, $"column '{name}' appears twice in the header '{line}'");
            return at;
        }
        int seqCol = Column("sequence"), idCol = Column("id"), labelCol = Column("label");
        if (seqCol < 0) throw SequenceFormatException.Malformed(path, null, number, $"header '{line}' has no 'sequence' column");
        var builder = new SequenceBuilder(1024);
        long row = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            row++;
            var fields = GueCsv.Split(line, path, number);
            if (fields.Count != header.Count)
                throw SequenceFormatException.Malformed(path, null, number, $"row has {fields.Count} fields but the header has {header.Count}");
            var seq = fields[seqCol].Trim();
            if (seq.Length == 0) throw SequenceFormatException.Malformed(path, null, number, "empty sequence");
            builder.Clear();
            var counts = new AmbiguityCounter(options.Strict);
            int bad = Nucleotides.NormalizeInto(seq, builder, ref counts);
            if (bad >= 0) throw SequenceFormatException.Refused(counts, path, null, number, seq[bad], bad + 1);
            var id = idCol >= 0 ? fields[idCol].Trim().Replace(',', '_') : row.ToString(CultureInfo.InvariantCulture);
            var label = labelCol >= 0 ? fields[labelCol].Trim() : null;
            yield return new PredictionInput(id, builder.ToString(), label);
        }
    }
}
