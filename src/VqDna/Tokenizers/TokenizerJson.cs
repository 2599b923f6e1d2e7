using System.Text.Json;
using VqDna.Torch.Serialization;

namespace VqDna.Tokenizers;

/// <summary>Shared reading and writing of our own tokenizer.json files (BPE writes Hugging Face's format instead).</summary>
internal static class TokenizerJson
{
    public const int Version = 1;

    /// <summary>Writes {"type": …, "version": 1, "special_tokens": [...], …extra…, "vocab_size": n}.</summary>
    public static void Write(string path, ITokenizer tokenizer, Action<Utf8JsonWriter> extra)
    {
        using var stream = new AtomicFileStream(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("type", tokenizer.Type);
        writer.WriteNumber("version", Version);
        extra(writer);
        writer.WriteNumber("vocab_size", tokenizer.VocabSize);
        writer.WriteStartArray("special_tokens");
        foreach (var name in SpecialTokens.Names) writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.Commit();
    }

    /// <summary>Checks the version and the special tokens; returns nothing, throws naming the file.</summary>
    public static void CheckHeader(JsonElement root, string path)
    {
        int version = GetInt(root, "version", path);
        if (version != Version) throw Error(path, $"version {version} is not supported (expected {Version})");
        if (!root.TryGetProperty("special_tokens", out var specials) || specials.ValueKind != JsonValueKind.Array
            || !specials.EnumerateArray().Select(e => e.GetString()).SequenceEqual(SpecialTokens.Names))
            throw Error(path, $"\"special_tokens\" must be [{string.Join(", ", SpecialTokens.Names)}]");
    }

    public static int GetInt(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n)
            ? n
            : throw Error(path, $"missing or non-integer field \"{name}\"");

    public static InvalidDataException Error(string path, string problem) => new($"{path}: {problem}");
}
