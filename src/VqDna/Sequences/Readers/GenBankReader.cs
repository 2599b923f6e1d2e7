namespace VqDna.Sequences.Readers;

/// <summary>
/// Streams GenBank flat-file records: LOCUS, DEFINITION, VERSION, the FEATURES table (every
/// feature with its resolved location, name and product) and the ORIGIN sequence, up to "//".
/// Features located on other records (accession:range) are skipped: they cannot be mapped here.
/// </summary>
public static class GenBankReader
{
    private const int QualifierColumn = 21;

    /// <summary>Reads every record of <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IEnumerable<SequenceRecord> Read(TextReader reader, string source, SequenceReadOptions? options = null) =>
        Read(new LineReader(reader, source), options ?? SequenceReadOptions.Default);

    internal static IEnumerable<SequenceRecord> Read(LineReader lines, SequenceReadOptions options)
    {
        string? line;
        while ((line = lines.NextNonBlank()) is not null)
        {
            if (!line.StartsWith("LOCUS", StringComparison.Ordinal))
                throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, "expected a GenBank 'LOCUS' line");
            yield return ReadRecord(line, lines, options);
        }
    }

    private sealed class PendingFeature
    {
        public required string Kind;
        public required System.Text.StringBuilder Location;
        public required long Line;
        public string Gene = "", LocusTag = "", Product = "";
    }

    private static SequenceRecord ReadRecord(string locusLine, LineReader lines, SequenceReadOptions options)
    {
        var parts = locusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw SequenceFormatException.Malformed(lines.Source, null, lines.LineNumber, "LOCUS line has no name");
        string id = parts[1], description = "";
        var features = new List<PendingFeature>();
        var sequence = new SequenceBuilder(1 << 16);
        bool sawOrigin = false;
        var counts = new AmbiguityCounter(options.Strict);
        string? line = lines.Next();
        while (true)
        {
            if (line is null) throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber + 1, "file ends inside the record (missing '//')");
            if (line.StartsWith("//", StringComparison.Ordinal)) break;
            if (line.StartsWith("DEFINITION", StringComparison.Ordinal))
            {
                description = line[10..].Trim();
                while ((line = lines.Next()) is not null && line.StartsWith("            ", StringComparison.Ordinal))
                    description += " " + line.Trim();
                continue;
            }
            if (line.StartsWith("VERSION", StringComparison.Ordinal))
            {
                var version = line[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (version.Length > 0) id = version[0];
            }
            else if (line.StartsWith("FEATURES", StringComparison.Ordinal))
            {
                line = ReadFeatures(lines, id, features);
                continue;
            }
            else if (line.StartsWith("ORIGIN", StringComparison.Ordinal))
            {
                sawOrigin = true;
                line = ReadOrigin(lines, id, sequence, ref counts);
                continue;
            }
            line = lines.Next();
        }
        if (!sawOrigin)
            throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, "record has no ORIGIN sequence (CONTIG-only records are not supported)");
        var seq = sequence.ToString();
        return new SequenceRecord(id, description, seq) { Features = Resolve(features, seq.Length, lines.Source, id), AmbiguousBases = counts.Ambiguous };
    }

    /// <summary>Reads the feature table; returns the first line after it.</summary>
    private static string? ReadFeatures(LineReader lines, string id, List<PendingFeature> features)
    {
        PendingFeature? current = null;
        string? qualifier = null; // name of a qualifier whose quoted value continues
        System.Text.StringBuilder? value = null;
        string? line;
        while ((line = lines.Next()) is not null && line.Length > 0 && line[0] == ' ')
        {
            if (line.Length > 5 && line[5] != ' ' && line.StartsWith("     ", StringComparison.Ordinal))
            {
                if (line.Length <= QualifierColumn)
                    throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, "feature line has no location");
                current = new PendingFeature { Kind = line[5..QualifierColumn].Trim(), Location = new(line[QualifierColumn..].Trim()), Line = lines.LineNumber };
                features.Add(current);
                qualifier = null;
                continue;
            }
            if (current is null || !line.StartsWith(new string(' ', QualifierColumn), StringComparison.Ordinal))
                throw SequenceFormatException.Malformed(lines.Source, id, lines.LineNumber, "expected a feature key at column 6 or a qualifier at column 22");
            var text = line.AsSpan(QualifierColumn).Trim();
            if (qualifier is not null && value is not null)
            {
                value.Append(' ').Append(text);
                if (text.EndsWith('"')) { Store(current, qualifier, value.ToString()); qualifier = null; }
                continue;
            }
            if (text.Length > 0 && text[0] == '/')
            {
                int eq = text.IndexOf('=');
                string name = eq < 0 ? text[1..].ToString() : text[1..eq].ToString();
                var raw = eq < 0 ? ReadOnlySpan<char>.Empty : text[(eq + 1)..];
                if (raw.Length > 0 && raw[0] == '"' && (raw.Length == 1 || !raw.EndsWith('"')))
                {
                    qualifier = name;
                    value = new System.Text.StringBuilder().Append(raw);
                    continue;
                }
                Store(current, name, raw.ToString());
                continue;
            }
            current.Location.Append(text); // a location continued on the next line
        }
        return line;
    }

    private static void Store(PendingFeature feature, string name, string raw)
    {
        string value = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        switch (name)
        {
            case "gene": feature.Gene = value; break;
            case "locus_tag": feature.LocusTag = value; break;
            case "product": feature.Product = value; break;
        }
    }

    /// <summary>Reads "   61 acgt acgt …" lines; returns the "//" line (or null at end of file).</summary>
    private static string? ReadOrigin(LineReader lines, string id, SequenceBuilder sequence, ref AmbiguityCounter counts)
    {
        string? line;
        while ((line = lines.Next()) is not null && !line.StartsWith("//", StringComparison.Ordinal))
        {
            var text = line.AsSpan().TrimStart();
            int digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
            int offset = line.Length - text.Length + digits;
            int bad = Nucleotides.NormalizeInto(line.AsSpan(offset), sequence, ref counts);
            if (bad >= 0) throw SequenceFormatException.Refused(counts, lines.Source, id, lines.LineNumber, line[offset + bad], offset + bad + 1);
        }
        return line;
    }

    private static List<SequenceFeature> Resolve(List<PendingFeature> pending, int length, string source, string id)
    {
        var features = new List<SequenceFeature>(pending.Count);
        foreach (var p in pending)
        {
            List<FeatureSegment> segments;
            try { segments = GenBankLocation.Parse(p.Location.ToString()); }
            catch (GenBankLocation.RemoteException) { continue; }
            catch (FormatException e)
            {
                throw SequenceFormatException.Malformed(source, id, p.Line, $"bad location '{GenBankLocation.Quote(p.Location.ToString())}' of feature {p.Kind}: {e.Message}");
            }
            foreach (var s in segments)
                if (s.End > length)
                    throw SequenceFormatException.Malformed(source, id, p.Line, $"feature {p.Kind} location '{GenBankLocation.Quote(p.Location.ToString())}' ends at {s.End}, beyond the {length} bp sequence");
            var strand = segments.All(s => s.Strand == Strand.Forward) ? Strand.Forward
                : segments.All(s => s.Strand == Strand.Reverse) ? Strand.Reverse : Strand.Mixed;
            features.Add(new SequenceFeature(p.Kind, segments, strand, p.Gene.Length > 0 ? p.Gene : p.LocusTag, p.Product));
        }
        return features;
    }
}
