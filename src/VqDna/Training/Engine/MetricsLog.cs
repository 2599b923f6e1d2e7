using System.Text.Json;
using VqDna.IO;

namespace VqDna.Training.Engine;

/// <summary>
/// metrics.jsonl: one JSON object per line with at least "step". Opened for a resumed run, it is first cut
/// back to the checkpoint's step (later lines were never checkpointed and will be written again).
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter writer;

    private MetricsLog(StreamWriter writer) => this.writer = writer;

    /// <summary>
    /// Opens <paramref name="path"/> for appending, cut back to the lines of steps up to <paramref name="checkpointStep"/> (all removed
    /// when it is 0).
    /// </summary>
    public static MetricsLog Open(string path, int checkpointStep)
    {
        var kept = checkpointStep == 0 || !File.Exists(path) ? [] :
            File.ReadLines(path).Where(line => StepOf(line) is { } s && s <= checkpointStep).ToList();
        AtomicFile.WriteAllText(path, kept.Count == 0 ? "" : string.Join("\n", kept) + "\n");
        return new MetricsLog(new StreamWriter(path, append: true));
    }

    /// <summary>Appends <paramref name="fields"/> as one JSON line.</summary>
    public void Write(IReadOnlyDictionary<string, object?> fields) => writer.WriteLine(JsonSerializer.Serialize(fields));

    /// <summary>Writes buffered lines to the file.</summary>
    public void Flush() => writer.Flush();

    /// <summary>The lines of a metrics file as JSON objects (torn lines skipped).</summary>
    public static IEnumerable<JsonElement> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            JsonElement element;
            try
            {
                using var doc = JsonDocument.Parse(line);
                element = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }
            if (element.ValueKind == JsonValueKind.Object) yield return element;
        }
    }

    private static int? StepOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("step").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // a torn last line from a crash
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => writer.Dispose();
}
