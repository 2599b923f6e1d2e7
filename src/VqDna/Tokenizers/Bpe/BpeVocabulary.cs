using System.Text.Json;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// What BPE training produces: the tokens in id order and the merges in rank order (each merge
/// joins two tokens into the token named by their concatenation). This is exactly the "vocab"
/// and "merges" of a Hugging Face BPE model.
/// </summary>
/// <param name="Tokens">Token strings; a token's id is its index.</param>
/// <param name="Merges">Merge rules, highest priority first.</param>
public sealed record BpeVocabulary(IReadOnlyList<string> Tokens, IReadOnlyList<(string Left, string Right)> Merges)
{
    /// <summary>Reads model.vocab and model.merges of a Hugging Face tokenizer.json (no other checks).</summary>
    public static BpeVocabulary Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return FromJson(doc.RootElement, path);
    }

    internal static BpeVocabulary FromJson(JsonElement root, string path)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw TokenizerJson.Error(path, "no \"model\" object");
        foreach (var field in new[] { "continuing_subword_prefix", "end_of_word_suffix", "dropout" })
            if (model.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null)
                throw TokenizerJson.Error(path, $"model.{field} is not supported");
        if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw TokenizerJson.Error(path, "model.vocab must be an object of token: id");
        var tokens = new string[vocab.EnumerateObject().Count()];
        foreach (var entry in vocab.EnumerateObject())
        {
            if (!entry.Value.TryGetInt32(out int id) || id < 0 || id >= tokens.Length || tokens[id] is not null)
                throw TokenizerJson.Error(path, $"model.vocab: token '{entry.Name}' has id {entry.Value}, but ids must be 0..{tokens.Length - 1}, each once");
            tokens[id] = entry.Name;
        }
        if (!model.TryGetProperty("merges", out var mergesJson) || mergesJson.ValueKind != JsonValueKind.Array)
            throw TokenizerJson.Error(path, "model.merges must be an array");
        var merges = new List<(string, string)>();
        foreach (var m in mergesJson.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2
                && m[0].ValueKind == JsonValueKind.String && m[1].ValueKind == JsonValueKind.String)
                merges.Add((m[0].GetString()!, m[1].GetString()!));
            else if (m.ValueKind == JsonValueKind.String && m.GetString()!.Split(' ') is [var a, var b])
                merges.Add((a, b));
            else throw TokenizerJson.Error(path, $"model.merges[{merges.Count}] is neither [\"a\", \"b\"] nor \"a b\"");
        }
        return new BpeVocabulary(tokens, merges);
    }
}
