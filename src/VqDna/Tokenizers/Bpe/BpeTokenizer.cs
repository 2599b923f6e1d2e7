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
    private readonly (int Left, int Right)[] _merges;
    private readonly int[] _mergeResult;   // rank -> id of the merged token
    private readonly BpeMergeTable _table;
    private readonly int[] _asciiIds;      // char -> id of the single-character token, or [UNK]

    /// <summary>Builds the tokenizer; the vocabulary must hold the five special tokens and every merge result.</summary>
    public BpeTokenizer(BpeVocabulary vocabulary)
    {
        _tokens = [.. vocabulary.Tokens];
        _ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < _tokens.Length; i++)
            if (!_ids.TryAdd(_tokens[i], i)) throw new ArgumentException($"token '{_tokens[i]}' appears twice in the vocabulary (ids {_ids[_tokens[i]]} and {i})");
        Special = new SpecialTokens(Id(SpecialTokens.PadToken), Id(SpecialTokens.UnkToken), Id(SpecialTokens.ClsToken), Id(SpecialTokens.SepToken), Id(SpecialTokens.MaskToken));

        _merges = new (int, int)[vocabulary.Merges.Count];
        _mergeResult = new int[_merges.Length];
        for (int r = 0; r < _merges.Length; r++)
        {
            var (left, right) = vocabulary.Merges[r];
            _merges[r] = (Id(left), Id(right));
            _mergeResult[r] = Id(left + right);
        }
        _table = new BpeMergeTable(_merges);
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

    public string Type => "bpe";
    public int VocabSize => _tokens.Length;
    public SpecialTokens Special { get; }
    public bool CanDecode => true;

    /// <summary>The id of <paramref name="token"/>, or null when it is not in the vocabulary.</summary>
    public int? TokenToId(string token) => _ids.TryGetValue(token, out int id) ? id : null;

    public string IdToToken(int id) =>
        (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {_tokens.Length} ids");

    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        var scratch = Scratch.Get(sequence.Length);
        int count = 0, start = -1;
        for (int i = 0; i <= sequence.Length; i++)
        {
            bool space = i == sequence.Length || char.IsWhiteSpace(sequence[i]);
            if (space && start >= 0) { count = EncodeWord(sequence[start..i], scratch, count); start = -1; }
            else if (!space && start < 0) start = i;
        }
        return scratch.Output.AsSpan(0, count).ToArray();
    }

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

    /// <summary>
    /// BPE on one word. Symbols form a linked list over the word's positions; a min-heap holds
    /// (rank, position) candidates; cand[p] is the rank of the pair starting at p, so a popped
    /// entry whose rank no longer matches is stale and skipped (HF's Word::merge_all, same order).
    /// </summary>
    private int EncodeWord(ReadOnlySpan<char> word, Scratch s, int outAt)
    {
        int n = word.Length;
        int[] sym = s.Symbols, next = s.Next, prev = s.Prev, cand = s.Candidate;
        long[] heap = s.Heap;
        for (int i = 0; i < n; i++)
        {
            char c = word[i];
            sym[i] = c < 128 ? _asciiIds[c] : (_ids.TryGetValue(c.ToString(), out int id) ? id : Special.Unk);
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        int size = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            int rank = _table.Rank(sym[i], sym[i + 1]);
            cand[i] = rank;
            if (rank >= 0) heap[size++] = ((long)rank << 32) | (uint)i;
        }
        if (n > 0) cand[n - 1] = -1;
        for (int i = size / 2 - 1; i >= 0; i--) SiftDown(heap, size, i);

        while (size > 0)
        {
            long top = heap[0];
            heap[0] = heap[--size];
            if (size > 0) SiftDown(heap, size, 0);
            int pos = (int)(uint)top, rank = (int)(top >> 32);
            if (cand[pos] != rank) continue; // stale: the pair at pos has changed since

            int right = next[pos];
            sym[pos] = _mergeResult[rank];
            int after = next[right];
            next[pos] = after;
            if (after < n) prev[after] = pos;
            cand[right] = -1;

            int before = prev[pos];
            if (before >= 0)
            {
                int r = _table.Rank(sym[before], sym[pos]);
                cand[before] = r;
                if (r >= 0) Push(heap, ref size, ((long)r << 32) | (uint)before);
            }
            int rr = after < n ? _table.Rank(sym[pos], sym[after]) : -1;
            cand[pos] = rr;
            if (rr >= 0) Push(heap, ref size, ((long)rr << 32) | (uint)pos);
        }

        var output = s.Output;
        for (int i = 0; i < n; i = next[i]) output[outAt++] = sym[i];
        return outAt;
    }

    private static void SiftDown(long[] heap, int size, int i)
    {
        long item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] < heap[child]) child++;
            if (heap[child] >= item) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    private static void Push(long[] heap, ref int size, long item)
    {
        int i = size++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= item) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    /// <summary>Per-thread work arrays, grown to the longest word seen.</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? _current;
        public int[] Symbols = [], Next = [], Prev = [], Candidate = [], Output = [];
        public long[] Heap = [];

        public static Scratch Get(int length)
        {
            var s = _current ??= new Scratch();
            if (s.Symbols.Length < length)
            {
                int size = Math.Max(length, 1024);
                s.Symbols = new int[size]; s.Next = new int[size]; s.Prev = new int[size];
                s.Candidate = new int[size]; s.Output = new int[size];
                s.Heap = new long[2 * size + 2]; // initial pairs plus at most two pushes per merge
            }
            return s;
        }
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
