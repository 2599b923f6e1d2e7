using VqDna.Tokenizers;
using VqDna.Torch;
using VqDna.Training;

namespace VqDna.Models.Tokenizer;

/// <summary>
/// A trained VQ/HRQ tokenizer used for inference: sequences of any length in, codes per level (and
/// optionally the tokenizer embedding) out, and back. Long records run as batches of overlapping
/// windows (<see cref="SlidingWindows"/>) whose margins cover the receptive field, so codes of a
/// chromosome do not depend on where windows start.
/// As an <see cref="ITokenizer"/> its token ids are the finest level's codes after the special ids;
/// <see cref="Encode(string)"/> and <see cref="Decode(int[][])"/> give and take every level.
/// </summary>
public sealed class LearnedTokenizer : ITokenizer, IDisposable
{
    private readonly VqTokenizerModel model;

    /// <summary>
    /// Positions per forward pass. The widest intermediate is positions × 4·width floats; kept at or under
    /// 16 MB it stays below glibc's 32 MB ceiling on the mmap threshold, so malloc reuses freed blocks
    /// instead of mapping fresh zeroed pages each batch (bench/vq-throughput: page faults took a third of
    /// the time at 8 × 4096 positions).
    /// </summary>
    private const int PositionBudget = 8192;

    public LearnedTokenizer(VqTokenizerModel model, int window = 4096, int batchSize = 32)
    {
        this.model = model;
        model.Eval();
        int margin = EncoderMargin;
        if (window <= 2 * Math.Max(margin, DecoderMargin))
            throw new ArgumentOutOfRangeException(nameof(window), window, $"window must exceed {2 * Math.Max(margin, DecoderMargin)} (twice the receptive radius)");
        (Window, BatchSize) = (window, batchSize);
    }

    /// <summary>Loads a tokenizer folder (config.json, model.safetensors, tokenizer.json).</summary>
    public static LearnedTokenizer Load(string directory, int window = 4096, int batchSize = 32) => new(VqTokenizerFolder.Load(directory), window, batchSize);

    public VqTokenizerConfig Config => model.Config;
    public int Window { get; }
    public int BatchSize { get; }
    public VqTokenizerModel Model => model;

    private int EncoderMargin => Config.ReceptiveRadius;
    private int DecoderMargin => Config.Blocks * (Config.MixerKernel / 2);

    /// <summary>Codes per level (level 1 first) for every nucleotide of <paramref name="sequence"/> (A, C, G, T, N).</summary>
    public int[][] Encode(string sequence) => Encode(sequence, embeddingRows: null);

    /// <summary>
    /// Codes per level and, when <paramref name="embeddingRows"/> is given, the embedding: it receives
    /// consecutive blocks of rows in sequence order (start position, rows × CodeDim floats, row-major), so
    /// a chromosome's embeddings can go straight to a file without ever being one array.
    /// </summary>
    public int[][] Encode(string sequence, Action<int, ReadOnlySpan<float>>? embeddingRows)
    {
        int n = sequence.Length, d = Config.CodeDim;
        var codes = Enumerable.Range(0, Config.Levels).Select(_ => new int[n]).ToArray();
        var ids = new long[n];
        NucleotideIds.Encode(sequence, ids);
        RunWindows(n, EncoderMargin, (windows, length) =>
        {
            var batch = Gather(ids, windows, length);
            var encoded = model.Encode(batch);
            for (int level = 0; level < Config.Levels; level++)
            {
                var all = encoded.Indices[level].ToArray<long>();                    // (B, length)
                for (int b = 0; b < windows.Count; b++)
                {
                    var w = windows[b];
                    int offset = w.CoreStart - w.Start;
                    for (int i = 0; i < w.CoreLength; i++) codes[level][w.CoreStart + i] = (int)all[(long)b * length + offset + i];
                }
            }
            if (embeddingRows is null) return;
            var values = encoded.Embedding.ToArray<float>();                          // (B, length, D)
            for (int b = 0; b < windows.Count; b++)
            {
                var w = windows[b];
                int offset = w.CoreStart - w.Start;
                embeddingRows(w.CoreStart, values.AsSpan((b * length + offset) * d, w.CoreLength * d));
            }
        });
        return codes;
    }

    /// <summary>
    /// The mean of the tokenizer embedding over each sequence's positions, (count, CodeDim): the frozen
    /// feature a linear probe reads. Sequences that fit one window run together in batches.
    /// </summary>
    public float[,] MeanEmbeddings(IReadOnlyList<string> sequences)
    {
        int d = Config.CodeDim;
        var result = new float[sequences.Count, d];
        var order = Enumerable.Range(0, sequences.Count).Where(i => sequences[i].Length <= Window).GroupBy(i => sequences[i].Length);
        using (torch.no_grad())
        {
            foreach (var group in order)
                foreach (var chunk in group.Chunk(WindowsPerBatch(group.Key)))
                {
                    using var scope = torch.NewDisposeScope();
                    int length = group.Key;
                    var ids = new long[(long)chunk.Length * length];
                    for (int b = 0; b < chunk.Length; b++) NucleotideIds.Encode(sequences[chunk[b]], ids.AsSpan(b * length, length));
                    var means = model.Encode(torch.tensor(ids, [chunk.Length, length])).Embedding.mean(1).ToArray<float>(); // (B, D)
                    for (int b = 0; b < chunk.Length; b++)
                        for (int j = 0; j < d; j++) result[chunk[b], j] = means[b * d + j];
                }
        }
        for (int i = 0; i < sequences.Count; i++)
        {
            if (sequences[i].Length <= Window) continue;
            var sum = new double[d];                                                   // long: stitched windows, summed as they come
            Encode(sequences[i], (_, rows) =>
            {
                for (int r = 0; r < rows.Length; r++) sum[r % d] += rows[r];
            });
            for (int j = 0; j < d; j++) result[i, j] = (float)(sum[j] / sequences[i].Length);
        }
        return result;
    }

    /// <summary>Rebuilds the sequence from its codes (one array per level, equal lengths).</summary>
    public string Decode(int[][] codes)
    {
        if (codes.Length != Config.Levels) throw new ArgumentException($"this tokenizer has {Config.Levels} level(s) but {codes.Length} were given");
        int n = codes[0].Length;
        for (int level = 0; level < codes.Length; level++)
        {
            if (codes[level].Length != n) throw new ArgumentException($"level {level + 1} has {codes[level].Length} codes but level 1 has {n}");
            int size = Config.LevelCodebookSize(level + 1);
            int bad = Array.FindIndex(codes[level], c => c < 0 || c >= size);
            if (bad >= 0) throw new ArgumentException($"code {codes[level][bad]} at position {bad} of level {level + 1} is outside the codebook (0..{size - 1})");
        }
        var levelIds = codes.Select(c => c.Select(x => (long)x).ToArray()).ToArray();
        var result = new char[n];
        RunWindows(n, DecoderMargin, (windows, length) =>
        {
            var perLevel = levelIds.Select(ids => Gather(ids, windows, length)).ToList();
            var embedding = model.EmbedCodes(perLevel);                               // (B, length, D)
            var predicted = model.Decode(embedding).argmax(-1).ToArray<long>();       // (B, length)
            for (int b = 0; b < windows.Count; b++)
            {
                var w = windows[b];
                int offset = w.CoreStart - w.Start;
                for (int i = 0; i < w.CoreLength; i++) result[w.CoreStart + i] = NucleotideIds.Symbol(predicted[(long)b * length + offset + i]);
            }
        });
        return new string(result);
    }

    // ---- ITokenizer: one id per nucleotide, the finest level's code after the special tokens ----

    public string Type => Config.Kind;

    public int VocabSize => SpecialTokens.Count + Config.LevelCodebookSize(Config.Levels);

    public SpecialTokens Special => SpecialTokens.Default;

    /// <summary>Finest-level codes + <see cref="SpecialTokens.Count"/>. Characters other than A, C, G, T count as N.</summary>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        var normalized = new char[sequence.Length];
        for (int i = 0; i < sequence.Length; i++) normalized[i] = sequence[i] is 'A' or 'C' or 'G' or 'T' ? sequence[i] : 'N';
        var finest = Encode(new string(normalized))[^1];
        for (int i = 0; i < finest.Length; i++) finest[i] += SpecialTokens.Count;
        return finest;
    }

    /// <summary>
    /// Only a one-level (VQ) tokenizer decodes from its ids alone: an HRQ embedding is the mean of every
    /// level's code, and the ids carry the finest level only. Use <see cref="Decode(int[][])"/> for HRQ.
    /// </summary>
    public bool CanDecode => Config.Levels == 1;

    public string Decode(ReadOnlySpan<int> ids)
    {
        if (!CanDecode) throw new NotSupportedException($"an {Config.Kind} tokenizer needs the codes of all {Config.Levels} levels to decode: use Decode(int[][])");
        var codes = new List<int>(ids.Length);
        foreach (var id in ids)
            if (!Special.IsSpecial(id)) codes.Add(id - SpecialTokens.Count);
        return Decode([codes.ToArray()]);
    }

    public string IdToToken(int id) =>
        id < SpecialTokens.Count ? SpecialTokens.Names[id] : $"<{Config.Kind}{Config.Levels}:{id - SpecialTokens.Count}>";

    /// <summary>Writes the whole tokenizer folder (config.json, model.safetensors, tokenizer.json) beside <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var directory = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        VqTokenizerFolder.Save(model, directory);
    }

    /// <summary>
    /// Runs the windows in sequence order, batching consecutive windows of equal length (only the first and
    /// last differ), each batch in its own dispose scope. Order matters: embeddings stream out in it.
    /// </summary>
    private void RunWindows(int n, int margin, Action<IReadOnlyList<SlidingWindows.Window>, int> run)
    {
        var plan = SlidingWindows.Plan(n, Window, margin);
        using var noGrad = torch.no_grad();
        var batch = new List<SlidingWindows.Window>();
        foreach (var window in plan)
        {
            if (batch.Count > 0 && (batch[0].Length != window.Length || batch.Count == WindowsPerBatch(batch[0].Length))) Flush();
            batch.Add(window);
        }
        if (batch.Count > 0) Flush();

        void Flush()
        {
            using var scope = torch.NewDisposeScope();
            run(batch.ToArray(), batch[0].Length);
            batch.Clear();
        }
    }

    private int WindowsPerBatch(int length) => Math.Clamp(PositionBudget / Math.Max(1, length), 1, BatchSize);

    private static Tensor Gather(long[] ids, IReadOnlyList<SlidingWindows.Window> windows, int length)
    {
        var batch = new long[(long)windows.Count * length];
        for (int b = 0; b < windows.Count; b++) Array.Copy(ids, windows[b].Start, batch, (long)b * length, length);
        return torch.tensor(batch, [windows.Count, length]);
    }

    public void Dispose() => model.Dispose();
}
