using VqDna.Models.Tokenizer;
using VqDna.Models.Encoder;
using System.Text.Json;
using System.Text.Json.Nodes;
using VqDna.IO;
using VqDna.Training.Finetuning;

namespace VqDna.Benchmarks;

/// <summary>
/// The settings every stage of a benchmark folder was trained with: a second run reuses finished stages, which
/// is only sound when they came from the same budget. Tasks, tokenizers and seeds may grow between runs (new
/// stages are added); anything else that changed is refused, naming the settings, instead of silently mixing
/// a 10-step backbone into a 200-step table. Kept in the benchmark folder as <see cref="FileName"/>.
/// </summary>
public sealed record BenchmarkSettings(
    IReadOnlyList<string> Corpus,
    EncoderPreset Preset,
    int PretrainSteps,
    int WindowLength,
    int BatchSize,
    TokenizerPreset TokenizerPreset,
    int TokenizerSteps,
    ulong PretrainSeed,
    FinetuneConfig Finetune)
{
    /// <summary>The file in the benchmark folder that holds these settings.</summary>
    public const string FileName = "bench-settings.json";

    /// <summary>The settings of <paramref name="config"/> that finished stages depend on (corpus paths made absolute).</summary>
    public static BenchmarkSettings Of(BenchmarkConfig config) => new(
        config.Corpus.Select(Path.GetFullPath).ToArray(), config.Preset, config.PretrainSteps, config.WindowLength, config.BatchSize,
        config.TokenizerPreset, config.TokenizerSteps, config.PretrainSeed, config.Finetune);

    /// <summary>
    /// Writes the settings into a new benchmark folder; in a folder that has them, throws when they differ,
    /// listing each changed setting with its old and new value.
    /// </summary>
    public static void CheckOrWrite(string outputDirectory, BenchmarkConfig config)
    {
        var path = Path.Combine(outputDirectory, FileName);
        var current = JsonSerializer.SerializeToNode(Of(config), JsonFiles.Options)!;
        if (File.Exists(path))
        {
            JsonNode? previous;
            try { previous = JsonNode.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e); }
            var changes = Differences(previous, current, "").ToList();
            if (changes.Count > 0)
                throw new InvalidOperationException(
                    $"'{outputDirectory}' holds stages of a benchmark with other settings ({string.Join("; ", changes)}); " +
                    "its finished stages would be mixed into this table: use another --output, or delete the folder to start over");
            return;
        }
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.WriteAllText(path, current.ToJsonString(JsonFiles.Options) + "\n");
    }

    /// <summary>"name was A, now B" for every leaf that differs (paths joined with dots).</summary>
    private static IEnumerable<string> Differences(JsonNode? before, JsonNode? after, string name)
    {
        if (before is JsonObject a && after is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                foreach (var change in Differences(a[key], b[key], name.Length == 0 ? key : $"{name}.{key}"))
                    yield return change;
            yield break;
        }
        string Text(JsonNode? node) => node?.ToJsonString() ?? "none";
        if (Text(before) != Text(after)) yield return $"{name} was {Text(before)}, now {Text(after)}";
    }
}
