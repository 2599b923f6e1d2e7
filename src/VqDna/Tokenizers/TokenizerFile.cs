using System.Text.Json;
using VqDna.Tokenizers.Bpe;

namespace VqDna.Tokenizers;

/// <summary>
/// Loads any tokenizer.json we write. Our own formats carry a top-level "type" ("char", "kmer",
/// "kmer_nonoverlapping"); BPE files are Hugging Face tokenizer.json files (which forbid extra
/// top-level fields), recognised by model.type = "BPE". Learned tokenizers ("vq", "hrq") load their
/// whole folder.
/// </summary>
public static class TokenizerFile
{
    /// <summary>The conventional file name, beside config.json and model.safetensors.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>Reads <paramref name="path"/> (a file, or a folder holding tokenizer.json).</summary>
    public static ITokenizer Load(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw TokenizerJson.Error(path, $"not valid JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw TokenizerJson.Error(path, "expected a JSON object");
            if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
                && model.TryGetProperty("type", out var modelType) && modelType.GetString() == "BPE")
                return BpeTokenizer.FromJson(root, path);
            if (!root.TryGetProperty("type", out var typeJson) || typeJson.ValueKind != JsonValueKind.String)
                throw TokenizerJson.Error(path, "no \"type\" field (and no Hugging Face BPE model)");
            string type = typeJson.GetString()!;
            // Learned tokenizers are folders: tokenizer.json beside config.json and model.safetensors.
            if (type is "vq" or "hrq") return Learned.LearnedTokenizer.Load(Path.GetDirectoryName(Path.GetFullPath(path))!);
            TokenizerJson.CheckHeader(root, path);
            ITokenizer tokenizer = type switch
            {
                "char" => new CharTokenizer(),
                "kmer" => Build(path, () => new KmerTokenizer(TokenizerJson.GetInt(root, "k", path))),
                "kmer_nonoverlapping" => Build(path, () => new NonOverlappingKmerTokenizer(TokenizerJson.GetInt(root, "k", path))),
                _ => throw TokenizerJson.Error(path, $"unknown tokenizer type '{type}' (expected char, kmer, kmer_nonoverlapping, vq, hrq, or a BPE model)"),
            };
            int vocab = TokenizerJson.GetInt(root, "vocab_size", path);
            if (vocab != tokenizer.VocabSize)
                throw TokenizerJson.Error(path, $"vocab_size {vocab} does not match the {tokenizer.VocabSize} ids of a {type} tokenizer with these settings");
            return tokenizer;
        }
    }

    private static ITokenizer Build(string path, Func<ITokenizer> create)
    {
        try { return create(); }
        catch (ArgumentOutOfRangeException e) { throw TokenizerJson.Error(path, e.Message); }
    }
}
