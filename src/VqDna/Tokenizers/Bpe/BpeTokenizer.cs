using System.Buffers;
using System.Text.Json;
using VqDna.Torch.Serialization;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Byte-pair encoding over nucleotides (DNABERT-2). Encoding applies the lowest-ranked merge
/// present, leftmost first, until none applies: the rule of Hugging Face's BPE model, whose ids
/// we reproduce exactly (checked against it in the tests). The sequence is split on whitespace
/// first, like HF's WhitespaceSplit pre-tokenizer. Saved as a Hugging Face tokenizer.json, so
/// the `tokenizers` library loads our files unchanged.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly BpeMerger _merger;
    private readonly int[] _asciiIds;      // char -> id of the single-character token, or [UNK]

    /// <summary>Every character char.IsWhiteSpace accepts: the separators of HF's WhitespaceSplit.</summary>
    private static readonly SearchValues<char> Whitespace =
        SearchValues.Create(Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace).ToArray());

    [ThreadStatic] private static int[]? _output;

    /// <summary>Builds the tokenizer; the vocabulary must hold the five special tokens and every merge result.</summary>
    public BpeTokenizer(BpeVocabulary vocabulary)
    {
        _tokens = [.. vocabulary.Tokens];
        _ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < _tokens.Length; i++)
            if (!_ids.TryAdd(_tokens[i], i)) throw new ArgumentException($"token '{_tokens[i]}' appears twice in the vocabulary (ids {_ids[_tokens[i]]} and {i})");
        Special = new SpecialTokens(Id(SpecialTokens.PadToken), Id(SpecialTokens.UnkToken), Id(SpecialTokens.ClsToken), Id(SpecialTokens.SepToken), Id(SpecialTokens.MaskToken));

        var merges = new (int, int)[vocabulary.Merges.Count];
        var mergeResult = new int[merges.Length];
        for (int r = 0; r < merges.Length; r++)
        {
            var (left, right) = vocabulary.Merges[r];
            merges[r] = (Id(left), Id(right));
            mergeResult[r] = Id(left + right);
        }
        _merger = new BpeMerger(merges, mergeResult);
        _asciiIds = new int[128];
        for (int c = 0; c < 128; c++) _asciiIds[c] = _ids.TryGetValue(((char)c).ToString(), out int id) ? id : Special.Unk;
        // An ambiguity code (R, Y, …, either case) is an unknown base: tokenized as N, [UNK] when N is not in the vocabulary (issue 7, defect 5).
        for (char c = (char)0; c < 128; c++) if (Sequences.Nucleotides.IsAmbiguityCode(c)) _asciiIds[c] = _asciiIds['N'];
        Vocabulary = vocabulary;
    }

    private int Id(string token) =>
        _ids.TryGetValue(token, out int id) ? id : throw new ArgumentException($"token '{token}' is not in the vocabulary");

    /// <summary>The tokens and merges this tokenizer was built from.</summary>
    public BpeVocabulary Vocabulary { get; }

    /// <inheritdoc/>
    public string Type => "bpe";
    /// <inheritdoc/>
    public int VocabSize => _tokens.Length;
    /// <inheritdoc/>
    public SpecialTokens Special { get; }
    /// <inheritdoc/>
    public bool CanDecode => true;

    /// <summary>The id of <paramref name="token"/>, or null when it is not in the vocabulary.</summary>
    public int? TokenToId(string token) => _ids.TryGetValue(token, out int id) ? id : null;

    /// <inheritdoc/>
    public string IdToToken(int id) =>
        (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {_tokens.Length} ids");

    /// <inheritdoc/>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        // One buffer per thread: a word never yields more tokens than characters.
        var output = _output ??= new int[1024];
        if (output.Length < sequence.Length) output = _output = new int[sequence.Length];
        int count = 0;
        // WhitespaceSplit, found with vectorized searches (a DNA line is usually one word).
        while (sequence.IndexOfAnyExcept(Whitespace) is int start and >= 0)
        {
            sequence = sequence[start..];
            int end = sequence.IndexOfAny(Whitespace);
            if (end < 0) end = sequence.Length;
            count += EncodeWord(sequence[..end], output.AsSpan(count));
            sequence = sequence[end..];
        }
        return output.AsSpan(0, count).ToArray();
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var builder = new System.Text.StringBuilder(ids.Length * 6);
        foreach (int id in ids)
        {
            if (id == Special.Unk) builder.Append('N');
            else if (!Special.IsSpecial(id)) builder.Append(IdToToken(id));
        }
        return builder.ToString();
    }

    /// <summary>Maps one word's characters to single-character ids in <paramref name="output"/>, merges them; returns the token count.</summary>
    private int EncodeWord(ReadOnlySpan<char> word, Span<int> output)
    {
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            output[i] = c < 128 ? _asciiIds[c] : (_ids.TryGetValue(c.ToString(), out int id) ? id : Special.Unk);
        }
        return _merger.Merge(output[..word.Length]);
    }

    /// <summary>Writes a Hugging Face tokenizer.json: BPE model, WhitespaceSplit, [CLS] $A [SEP] template.</summary>
    public void Save(string path)
    {
        using var stream = new AtomicFileStream(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        foreach (var name in SpecialTokens.Names)
        {
            w.WriteStartObject();
            w.WriteNumber("id", _ids[name]);
            w.WriteString("content", name);
            w.WriteBoolean("single_word", false);
            w.WriteBoolean("lstrip", false);
            w.WriteBoolean("rstrip", false);
            w.WriteBoolean("normalized", false);
            w.WriteBoolean("special", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("normalizer");
        w.WriteStartObject("pre_tokenizer");
        w.WriteString("type", "WhitespaceSplit");
        w.WriteEndObject();
        WriteTemplate(w);
        w.WriteNull("decoder");
        w.WriteStartObject("model");
        w.WriteString("type", "BPE");
        w.WriteNull("dropout");
        w.WriteString("unk_token", SpecialTokens.UnkToken);
        w.WriteNull("continuing_subword_prefix");
        w.WriteNull("end_of_word_suffix");
        w.WriteBoolean("fuse_unk", false);
        w.WriteBoolean("byte_fallback", false);
        w.WriteBoolean("ignore_merges", false);
        w.WriteStartObject("vocab");
        for (int i = 0; i < _tokens.Length; i++) w.WriteNumber(_tokens[i], i);
        w.WriteEndObject();
        w.WriteStartArray("merges");
        foreach (var (left, right) in Vocabulary.Merges)
        {
            w.WriteStartArray();
            w.WriteStringValue(left);
            w.WriteStringValue(right);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.Commit();
    }

    private void WriteTemplate(Utf8JsonWriter w)
    {
        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        void Piece(string kind, string id, int typeId)
        {
            w.WriteStartObject();
            w.WriteStartObject(kind);
            w.WriteString("id", id);
            w.WriteNumber("type_id", typeId);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartArray("single");
        Piece("SpecialToken", SpecialTokens.ClsToken, 0); Piece("Sequence", "A", 0); Piece("SpecialToken", SpecialTokens.SepToken, 0);
        w.WriteEndArray();
        w.WriteStartArray("pair");
        Piece("SpecialToken", SpecialTokens.ClsToken, 0); Piece("Sequence", "A", 0); Piece("SpecialToken", SpecialTokens.SepToken, 0);
        Piece("Sequence", "B", 1); Piece("SpecialToken", SpecialTokens.SepToken, 1);
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        foreach (var name in new[] { SpecialTokens.ClsToken, SpecialTokens.SepToken })
        {
            w.WriteStartObject(name);
            w.WriteString("id", name);
            w.WriteStartArray("ids"); w.WriteNumberValue(_ids[name]); w.WriteEndArray();
            w.WriteStartArray("tokens"); w.WriteStringValue(name); w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Reads the BPE model of a Hugging Face tokenizer.json (ours or compatible ones).</summary>
    internal static BpeTokenizer FromJson(JsonElement root, string path)
    {
        if (root.TryGetProperty("normalizer", out var normalizer) && normalizer.ValueKind != JsonValueKind.Null)
            throw TokenizerJson.Error(path, "a normalizer is not supported (sequences are normalised before tokenization)");
        if (root.TryGetProperty("pre_tokenizer", out var pre) && pre.ValueKind != JsonValueKind.Null)
        {
            var kind = pre.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (kind is not ("WhitespaceSplit" or "Whitespace"))
                throw TokenizerJson.Error(path, $"pre_tokenizer '{kind}' is not supported (expected WhitespaceSplit)");
        }
        var vocabulary = BpeVocabulary.FromJson(root, path);
        try { return new BpeTokenizer(vocabulary); }
        catch (ArgumentException e) { throw TokenizerJson.Error(path, e.Message); }
    }
}
