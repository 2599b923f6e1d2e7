using System.Text.Json;

namespace VqDna.IO;

/// <summary>
/// Codes files written by `vqdna tokenize` and read by `vqdna detokenize`. TSV: a header
/// <c>id, length, level1, level2…</c> then one row per record, each level a space-separated list.
/// JSONL: one object per record, <c>{"id", "length", "levels": [[…], […]]}</c>. The format follows the extension;
/// standard input and output ("-") name it explicitly. An N position has the code -1 on every level.
/// <see cref="CodesWriter"/> and <see cref="CodesReader"/> write and read these files in chunks, for records of any length.
/// </summary>
public static class CodesFile
{
    /// <summary>The path that means standard input or output.</summary>
    public const string StandardStream = "-";

    /// <summary>True when <paramref name="path"/> ends in .jsonl.</summary>
    public static bool IsJsonLines(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>The format a path's extension names, or null when it names none (e.g. "-").</summary>
    public static CodesFormat? FormatOf(string path) =>
        IsJsonLines(path) ? CodesFormat.JsonLines : path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? CodesFormat.Tsv : null;

    /// <summary>Throws unless <paramref name="path"/> ends in .tsv or .jsonl.</summary>
    public static void CheckExtension(string path)
    {
        if (FormatOf(path) is null)
            throw new ArgumentException($"codes file '{path}' must end in .tsv or .jsonl");
    }

    /// <summary>Writes the header for the format <paramref name="path"/>'s extension names (TSV when none).</summary>
    public static void WriteHeader(TextWriter writer, string path, int levels) => WriteHeader(writer, FormatOf(path) ?? CodesFormat.Tsv, levels);

    /// <summary>Writes the header of <paramref name="format"/> for <paramref name="levels"/> levels (TSV has one; JSONL none).</summary>
    public static void WriteHeader(TextWriter writer, CodesFormat format, int levels)
    {
        if (format == CodesFormat.Tsv)
            writer.WriteLine("id\tlength\t" + string.Join("\t", Enumerable.Range(1, levels).Select(l => $"level{l}")));
    }

    /// <summary>Writes one record in the format <paramref name="path"/>'s extension names (TSV when none).</summary>
    public static void Write(TextWriter writer, string path, RecordCodes record) => Write(writer, FormatOf(path) ?? CodesFormat.Tsv, record);

    /// <summary>Writes one record as a TSV row or a JSON line.</summary>
    public static void Write(TextWriter writer, CodesFormat format, RecordCodes record)
    {
        if (format == CodesFormat.JsonLines)
            writer.WriteLine(JsonSerializer.Serialize(new { id = record.Id, length = record.Length, levels = record.Levels }));
        else
            writer.WriteLine($"{record.Id}\t{record.Length}\t{string.Join("\t", record.Levels.Select(l => string.Join(' ', l)))}");
    }

    /// <summary>
    /// Streams the records of a codes file ("-": standard input, in <paramref name="format"/>, TSV by default);
    /// malformed lines are errors naming the file and line.
    /// </summary>
    public static IEnumerable<RecordCodes> Read(string path, CodesFormat? format = null)
    {
        if (path == StandardStream)
            return (format ?? CodesFormat.Tsv) == CodesFormat.JsonLines ? ReadJsonLines("standard input", StandardInputLines()) : ReadTsv("standard input", StandardInputLines());
        var resolved = format ?? FormatOf(path) ?? throw new ArgumentException($"codes file '{path}' must end in .tsv or .jsonl");
        if (Directory.Exists(path)) throw new ArgumentException($"codes file '{path}' is a directory; expected a .tsv or .jsonl file");
        if (!File.Exists(path)) throw new FileNotFoundException($"codes file '{path}' not found", path);
        return resolved == CodesFormat.JsonLines ? ReadJsonLines(path, File.ReadLines(path)) : ReadTsv(path, File.ReadLines(path));
    }

    private static IEnumerable<string> StandardInputLines()
    {
        using var reader = new StreamReader(Console.OpenStandardInput());
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static IEnumerable<RecordCodes> ReadTsv(string path, IEnumerable<string> lines)
    {
        int lineNumber = 0, levels = -1;
        foreach (var line in lines)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (levels < 0)
            {
                if (fields.Length < 3 || fields[0] != "id" || fields[1] != "length")
                    throw Error(path, lineNumber, "expected the header 'id, length, level1…' (tab-separated)");
                levels = fields.Length - 2;
                continue;
            }
            if (fields.Length != levels + 2) throw Error(path, lineNumber, $"expected {levels + 2} tab-separated fields, found {fields.Length}");
            int length = ParseInt(fields[1], path, lineNumber, "length");
            var codes = new int[levels][];
            for (int l = 0; l < levels; l++)
            {
                var parts = fields[l + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != length) throw Error(path, lineNumber, $"level {l + 1} has {parts.Length} codes but length says {length}");
                codes[l] = parts.Select(p => p == "-1" ? -1 : ParseInt(p, path, lineNumber, $"a level-{l + 1} code")).ToArray(); // -1: N
            }
            yield return new RecordCodes(fields[0], codes);
        }
        if (levels < 0) throw Error(path, 0, "the file is empty");
    }

    private static IEnumerable<RecordCodes> ReadJsonLines(string path, IEnumerable<string> lines)
    {
        int lineNumber = 0, levelCount = -1, levelLine = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            RecordCodes record;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var id = root.GetProperty("id").GetString() ?? throw Error(path, lineNumber, "id is null");
                int length = root.GetProperty("length").GetInt32();
                var levels = root.GetProperty("levels").EnumerateArray().Select(level => level.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
                if (levels.Length == 0) throw Error(path, lineNumber, "levels is empty");
                // One level count for the whole file, as the TSV header fixes it: readers size their buffers from the first record.
                if (levelCount < 0) (levelCount, levelLine) = (levels.Length, lineNumber);
                else if (levels.Length != levelCount)
                    throw Error(path, lineNumber, $"has {levels.Length} levels but line {levelLine} has {levelCount}");
                int bad = Array.FindIndex(levels, l => l.Length != length);
                if (bad >= 0) throw Error(path, lineNumber, $"level {bad + 1} has {levels[bad].Length} codes but length says {length}");
                record = new RecordCodes(id, levels);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw Error(path, lineNumber, $"not a codes record ({e.Message})");
            }
            yield return record;
        }
    }

    private static int ParseInt(string text, string path, int line, string what) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value : throw Error(path, line, $"{what} '{text}' is not a non-negative integer");

    private static InvalidDataException Error(string path, int line, string message) =>
        new(line > 0 ? $"{path}, line {line}: {message}" : $"{path}: {message}");
}
