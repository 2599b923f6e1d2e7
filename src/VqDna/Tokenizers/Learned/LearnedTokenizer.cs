using VqDna.IO;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Tokenizers.Learned;

/// <summary>
/// A trained VQ/HRQ tokenizer used for inference: sequences of any length in, codes per level (and
/// optionally the tokenizer embedding) out, and back. Sequences stream through overlapping windows
/// (<see cref="SlidingWindows"/>, <see cref="SegmentedWindows{TResult}"/>) whose margins cover the receptive
/// field, so codes of a chromosome depend neither on where windows start nor on the batch, and memory is
/// bounded whatever the length. N has the code <see cref="NCode"/> on every level and decodes to N; the runs
/// of known bases between N runs are tokenized as if each were a whole record.
/// As an <see cref="ITokenizer"/> its token ids are the finest level's codes after the special ids ([UNK] at N);
/// <see cref="Encode(string)"/> and <see cref="Decode(int[][])"/> give and take every level.
/// The encoder's forward runs on an <see cref="ITokenizerEngine"/> (libtorch or ONNX Runtime); windowing,
/// N runs and batching are this class's, the same for both. Decoding runs on libtorch.
/// </summary>
public sealed class LearnedTokenizer : ITokenizer, IDisposable
{
    private readonly VqTokenizerModel model;
    private ITokenizerEngine engine;

    /// <summary>
    /// Positions per forward pass. The widest intermediate is positions × 4·width floats; kept at or under
    /// 16 MB it stays below glibc's 32 MB ceiling on the mmap threshold, so malloc reuses freed blocks
    /// instead of mapping fresh zeroed pages each batch (bench/vq-throughput: page faults took a third of
    /// the time at 8 × 4096 positions).
    /// </summary>
    private const int PositionBudget = 8192;

    /// <summary>
    /// A tokenizer over <paramref name="model"/> (owned from now on), encoding on <paramref name="engine"/> (owned
    /// too) or, when none is given, on libtorch. Engines over exported graphs are made a layer up
    /// (<c>Inference.TokenizerEngines</c>), which hands them in through this constructor or <see cref="UseEngine"/>.
    /// </summary>
    public LearnedTokenizer(VqTokenizerModel model, int window = VqTokenizerConfig.DefaultInferenceWindow, int batchSize = VqTokenizerConfig.DefaultInferenceBatch, ITokenizerEngine? engine = null)
    {
        CheckSizes(model.Config, window, batchSize);
        this.model = model;
        model.Eval();
        this.engine = engine ?? new TorchTokenizerEngine(model);
        (Window, BatchSize) = (window, batchSize);
    }

    /// <summary>
    /// Refuses a window or batch out of range for <paramref name="config"/>: a window no longer than twice the
    /// receptive radius, above <see cref="MemoryBudget.MaxWindow"/>, or whose batch would not fit in memory (issue 19:
    /// `--window 1000000000` grew to 2.4 GB on a 1 Mbp record), and a strided tokenizer (windows are stitched per base).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Named "window" or "batchSize".</exception>
    /// <exception cref="NotSupportedException">The tokenizer has more than one base per code.</exception>
    public static void CheckSizes(VqTokenizerConfig config, int window, int batchSize)
    {
        config.RequireOneCodePerBase("tokenizing (tokenize, detokenize, pre-training, fine-tuning, embed, predict)");
        int radius = 2 * Math.Max(config.ReceptiveRadius, config.Blocks * (config.MixerKernel / 2));
        if (window <= radius)
            throw new ArgumentOutOfRangeException(nameof(window), window, $"window must exceed {radius} (twice the receptive radius)");
        MemoryBudget.AtMost(nameof(window), window, MemoryBudget.MaxWindow);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        MemoryBudget.AtMost(nameof(batchSize), batchSize, MemoryBudget.MaxBatch);
        long positions = (long)window * Math.Max(1, Math.Min(batchSize, PositionBudget / window));
        MemoryBudget.Fits(nameof(window), window, $"one batch of {positions:N0} positions", 4.0 * positions * config.InferenceFloatsPerPosition());
    }

    /// <summary>Loads a tokenizer folder (config.json, model.safetensors, tokenizer.json), encoding on libtorch until <see cref="UseEngine"/>.</summary>
    public static LearnedTokenizer Load(string directory, int window = VqTokenizerConfig.DefaultInferenceWindow, int batchSize = VqTokenizerConfig.DefaultInferenceBatch)
    {
        var loaded = VqTokenizerFolder.Load(directory);
        try { return new LearnedTokenizer(loaded, window, batchSize) { Folder = directory }; }
        catch (NotSupportedException e)
        {
            loaded.Dispose();
            throw new InvalidDataException($"'{directory}': {e.Message}", e);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>The folder it was loaded from (where an exported model.onnx may be); null for a model built in memory.</summary>
    public string? Folder { get; private init; }

    /// <summary>What runs the encoder's forward pass.</summary>
    public ITokenizerEngine Engine => engine;

    /// <summary>Encodes on <paramref name="next"/> from now on (owned by the tokenizer; the previous engine is disposed).</summary>
    public void UseEngine(ITokenizerEngine next)
    {
        if (ReferenceEquals(next, engine)) return;
        engine.Dispose();
        engine = next;
    }

    /// <summary>Where the network's weights live and libtorch encodes and decodes (the CPU until <see cref="To"/>).</summary>
    public Device Device { get; private set; } = Device.CPU;

    /// <summary>
    /// Moves the network to <paramref name="device"/> (as torch's Module.to): libtorch encodes and decodes there from
    /// now on, batches are built on the CPU and copied once. Our ONNX Runtime runs on the CPU only, so an ONNX
    /// engine is replaced by libtorch's on a GPU (<see cref="InferenceEngines.On"/>); on the CPU it stays.
    /// </summary>
    public LearnedTokenizer To(Device device)
    {
        if (device == Device) return this;
        model.to(device);
        Device = device;
        if (engine is TorchTokenizerEngine || engine.Kind.On(device) != engine.Kind) UseEngine(new TorchTokenizerEngine(model, device));
        return this;
    }

    /// <summary>The network's architecture.</summary>
    public VqTokenizerConfig Config => model.Config;
    /// <summary>Bases per window the network runs on; longer sequences are cut into overlapping windows.</summary>
    public int Window { get; }
    /// <summary>Most windows in one batch.</summary>
    public int BatchSize { get; }
    /// <summary>The network (frozen).</summary>
    public VqTokenizerModel Model => model;

    private int EncoderMargin => Config.ReceptiveRadius;
    private int DecoderMargin => Config.Blocks * (Config.MixerKernel / 2);

    /// <summary>
    /// The code at N positions, on every level: an unknown base has no code (issue 7, defect 5). Written as -1
    /// in codes files; it decodes back to N. Ambiguity codes (R, Y, …) were read as N before they got here.
    /// </summary>
    public const int NCode = -1;

    /// <summary>Positions handed out per block for an N run (runs of N can be tens of kilobases).</summary>
    private const int NBlock = 1 << 16;

    /// <summary>Codes per level (level 1 first) for every nucleotide of <paramref name="sequence"/> (A, C, G, T, N); <see cref="NCode"/> at N.</summary>
    public int[][] Encode(string sequence) => Encode(sequence, embeddingRows: null);

    /// <summary>
    /// Codes per level and, when <paramref name="embeddingRows"/> is given, the embedding: it receives
    /// consecutive blocks of rows in sequence order (start position, rows × CodeDim floats, row-major; zeros
    /// at N), so a chromosome's embeddings can go straight to a file without ever being one array.
    /// </summary>
    public int[][] Encode(string sequence, Action<int, ReadOnlySpan<float>>? embeddingRows)
    {
        var codes = Enumerable.Range(0, Config.Levels).Select(_ => new int[sequence.Length]).ToArray();
        Encode(Reader(sequence), block =>
        {
            for (int level = 0; level < codes.Length; level++) block.Codes[level].AsSpan(0, block.Length).CopyTo(codes[level].AsSpan((int)block.Start));
            embeddingRows?.Invoke((int)block.Start, block.Embedding.AsSpan(0, block.Length * Config.CodeDim));
        }, embedding: embeddingRows is not null);
        return codes;
    }

    /// <summary>
    /// Encodes one sequence read in chunks (A, C, G, T, N) and hands its codes to <paramref name="sink"/>
    /// block by block in position order, with the embedding when <paramref name="embedding"/> is set. Memory
    /// is one batch of windows whatever the sequence length. Each run of known bases between N runs is
    /// encoded on its own, as if it were a whole record; N positions get <see cref="NCode"/>.
    /// </summary>
    public void Encode(BaseReader read, Action<CodeBlock> sink, bool embedding = false)
    {
        int levels = Config.Levels, d = Config.CodeDim;
        var block = new CodeBlock(levels, d, embedding);
        var runner = new SegmentedWindows<int>(Window, EncoderMargin, 1, WindowsPerBatch, RunBatch, EmitCore, EmitN);
        var chars = new char[NBlock];
        var ids = new[] { new long[NBlock] };
        for (int n; (n = read(chars)) > 0;)
        {
            for (int i = 0; i < n;)
            {
                int j = i;
                if (chars[i] == 'N')
                {
                    while (j < n && chars[j] == 'N') j++;
                    runner.AppendN(j - i);
                }
                else
                {
                    while (j < n && chars[j] != 'N') { ids[0][j - i] = NucleotideIds.Of(chars[j]); j++; }
                    runner.Append(ids, 0, j - i);
                }
                i = j;
            }
        }
        runner.Finish();

        int RunBatch(long[][] inputs, int rows, int length)
        {
            engine.Run(inputs[0].AsSpan(0, rows * length), rows, length, embedding);       // codes (B, length), embedding (B, length, D)
            return length;
        }

        void EmitCore(int length, int row, int offset, long start, int count)
        {
            block.Resize(start, count);
            int from = row * length + offset;
            for (int level = 0; level < levels; level++)
            {
                var codes = engine.Codes(level).Slice(from, count);
                for (int i = 0; i < count; i++) block.Codes[level][i] = (int)codes[i];
            }
            if (embedding) engine.Embedding.Slice(from * d, count * d).CopyTo(block.Embedding);
            sink(block);
        }

        void EmitN(long start, long count)
        {
            for (long done = 0; done < count; done += NBlock)
            {
                int part = (int)Math.Min(NBlock, count - done);
                block.Resize(start + done, part);
                foreach (var level in block.Codes) level.AsSpan(0, part).Fill(NCode);
                block.Embedding?.AsSpan(0, part * d).Clear();
                sink(block);
            }
        }
    }

    /// <summary>
    /// Codes per level and the embedding (positions × CodeDim, row-major) of each sequence. Sequences that fit
    /// one window and hold no N run together, grouped by length, one forward pass per group; the others run as
    /// stitched windows with the N treatment of <see cref="Encode(string, Action{int, ReadOnlySpan{float}})"/>.
    /// </summary>
    public IReadOnlyList<(int[][] Codes, float[] Embedding)> EncodeMany(IReadOnlyList<string> sequences)
    {
        int d = Config.CodeDim, levels = Config.Levels;
        var result = new (int[][] Codes, float[] Embedding)[sequences.Count];
        bool Batched(int i) => sequences[i].Length > 0 && sequences[i].Length <= Window && !sequences[i].Contains('N');
        foreach (var group in Enumerable.Range(0, sequences.Count).Where(Batched).GroupBy(i => sequences[i].Length))
            foreach (var chunk in group.Chunk(WindowsPerBatch(group.Key)))
            {
                int length = group.Key;
                var ids = new long[(long)chunk.Length * length];
                for (int b = 0; b < chunk.Length; b++) NucleotideIds.Encode(sequences[chunk[b]], ids.AsSpan(b * length, length));
                engine.Run(ids, chunk.Length, length, embedding: true);                      // codes (B, length), embedding (B, length, D)
                for (int b = 0; b < chunk.Length; b++)
                {
                    var rowCodes = new int[levels][];
                    for (int level = 0; level < levels; level++)
                    {
                        var codes = engine.Codes(level).Slice(b * length, length);
                        rowCodes[level] = new int[length];
                        for (int i = 0; i < length; i++) rowCodes[level][i] = (int)codes[i];
                    }
                    result[chunk[b]] = (rowCodes, engine.Embedding.Slice(b * length * d, length * d).ToArray());
                }
            }
        for (int i = 0; i < sequences.Count; i++)
        {
            if (Batched(i)) continue;
            var vectors = new float[(long)sequences[i].Length * d];
            var codes = Encode(sequences[i], (start, rows) => rows.CopyTo(vectors.AsSpan(start * d)));
            result[i] = (codes, vectors);
        }
        return result;
    }

    /// <summary>
    /// The mean of the tokenizer embedding over each sequence's known bases (N excluded; zeros when all are N),
    /// (count, CodeDim): the frozen feature a linear probe reads.
    /// </summary>
    public float[,] MeanEmbeddings(IReadOnlyList<string> sequences)
    {
        int d = Config.CodeDim;
        var result = new float[sequences.Count, d];
        const int chunk = 256;                                                         // bounds the embeddings held at once
        for (int start = 0; start < sequences.Count; start += chunk)
        {
            var encoded = EncodeMany(sequences.Skip(start).Take(chunk).ToList());
            for (int k = 0; k < encoded.Count; k++)
            {
                var (codes, rows) = encoded[k];
                var sum = new double[d];
                long known = 0;
                for (int p = 0; p < codes[0].Length; p++)
                {
                    if (codes[0][p] == NCode) continue;
                    known++;
                    for (int j = 0; j < d; j++) sum[j] += rows[p * d + j];
                }
                for (int j = 0; j < d; j++) result[start + k, j] = known == 0 ? 0 : (float)(sum[j] / known);
            }
        }
        return result;
    }

    /// <summary>Rebuilds the sequence from its codes (one array per level, equal lengths; <see cref="NCode"/> on every level at N).</summary>
    public string Decode(int[][] codes)
    {
        if (codes.Length != Config.Levels) throw new ArgumentException($"this tokenizer has {Config.Levels} level(s) but {codes.Length} were given");
        int n = codes[0].Length;
        for (int level = 0; level < codes.Length; level++)
            if (codes[level].Length != n) throw new ArgumentException($"level {level + 1} has {codes[level].Length} codes but level 1 has {n}");
        var result = new char[n];
        int at = 0;
        Decode(destination =>
        {
            int count = Math.Min(destination[0].Length, n - at);
            for (int level = 0; level < codes.Length; level++) codes[level].AsSpan(at, count).CopyTo(destination[level]);
            at += count;
            return count;
        }, (start, bases) => bases.CopyTo(result.AsSpan((int)start)));
        return new string(result);
    }

    /// <summary>
    /// Rebuilds one sequence from codes read in chunks (<paramref name="read"/> fills every level's array
    /// from 0 and returns the count, 0 at the end) and hands the bases to <paramref name="sink"/> in position
    /// order (start, bases). Memory is one batch of windows whatever the length. Positions whose codes are
    /// <see cref="NCode"/> on every level decode to N, and split the sequence as in encoding.
    /// </summary>
    public void Decode(Func<int[][], int> read, Action<long, ReadOnlySpan<char>> sink)
    {
        int levels = Config.Levels;
        var chunk = Enumerable.Range(0, levels).Select(_ => new int[NBlock]).ToArray();
        var values = Enumerable.Range(0, levels).Select(_ => new long[NBlock]).ToArray();
        var sizes = Enumerable.Range(1, levels).Select(Config.LevelCodebookSize).ToArray();
        long[] predicted = [];
        var bases = new char[Math.Max(Window, NBlock)];
        var runner = new SegmentedWindows<int>(Window, DecoderMargin, levels, WindowsPerBatch, RunBatch, EmitCore, EmitN);
        long position = 0;
        using (torch.no_grad())
        {
            for (int n; (n = read(chunk)) > 0; position += n)
            {
                for (int i = 0; i < n;)
                {
                    int j = i;
                    if (IsN(i)) { while (j < n && IsN(j)) j++; runner.AppendN(j - i); }
                    else
                    {
                        for (; j < n && !IsN(j); j++)
                            for (int level = 0; level < levels; level++) values[level][j - i] = Check(level, j);
                        runner.Append(values, 0, j - i);
                    }
                    i = j;
                }
            }
            runner.Finish();
        }

        bool IsN(int i)
        {
            if (chunk[0][i] != NCode) return false;
            for (int level = 1; level < levels; level++)
                if (chunk[level][i] != NCode)
                    throw new ArgumentException($"position {position + i} is N ({NCode}) on level 1 but has code {chunk[level][i]} on level {level + 1}: an N must be {NCode} on every level");
            return true;
        }

        long Check(int level, int i)
        {
            int code = chunk[level][i];
            if (code < 0 || code >= sizes[level])
                throw new ArgumentException(code == NCode
                    ? $"position {position + i} is N ({NCode}) on level {level + 1} but not on level 1: an N must be {NCode} on every level"
                    : $"code {code} at position {position + i} of level {level + 1} is outside the codebook (0..{sizes[level] - 1}, or {NCode} for N)");
            return code;
        }

        int RunBatch(long[][] inputs, int rows, int length)
        {
            using var scope = torch.NewDisposeScope();
            int size = rows * length;
            var perLevel = inputs.Select(ids => torch.tensor((ReadOnlySpan<long>)ids.AsSpan(0, size), [rows, length], device: Device)).ToList();
            var embedding = model.EmbedCodes(perLevel);                               // (B, length, D)
            if (predicted.Length < size) predicted = new long[size];
            model.Decode(embedding).argmax(-1).CopyTo<long>(predicted.AsSpan(0, size)); // (B, length)
            return length;
        }

        void EmitCore(int length, int row, int offset, long start, int count)
        {
            int from = row * length + offset;
            for (int i = 0; i < count; i++) bases[i] = NucleotideIds.Symbol(predicted[from + i]);
            sink(start, bases.AsSpan(0, count));
        }

        void EmitN(long start, long count)
        {
            bases.AsSpan(0, (int)Math.Min(bases.Length, count)).Fill('N');
            for (long done = 0; done < count; done += bases.Length)
                sink(start + done, bases.AsSpan(0, (int)Math.Min(bases.Length, count - done)));
        }
    }

    private static BaseReader Reader(string sequence)
    {
        int at = 0;
        return destination =>
        {
            int n = Math.Min(destination.Length, sequence.Length - at);
            sequence.AsSpan(at, n).CopyTo(destination);
            at += n;
            return n;
        };
    }

    // ---- ITokenizer: one id per nucleotide, the finest level's code after the special tokens ----

    /// <inheritdoc/>
    public string Type => Config.Kind;

    /// <inheritdoc/>
    public int VocabSize => SpecialTokens.Count + Config.LevelCodebookSize(Config.Levels);

    /// <inheritdoc/>
    public SpecialTokens Special => SpecialTokens.Default;

    /// <summary>
    /// Finest-level codes + <see cref="SpecialTokens.Count"/>. Characters other than A, C, G, T (N, ambiguity
    /// codes) count as N, and an N is [UNK], as in the other tokenizers.
    /// </summary>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        var normalized = new char[sequence.Length];
        for (int i = 0; i < sequence.Length; i++) normalized[i] = sequence[i] is 'A' or 'C' or 'G' or 'T' ? sequence[i] : 'N';
        var finest = Encode(new string(normalized))[^1];
        for (int i = 0; i < finest.Length; i++) finest[i] = finest[i] == NCode ? Special.Unk : finest[i] + SpecialTokens.Count;
        return finest;
    }

    /// <summary>
    /// Only a one-level (VQ) tokenizer decodes from its ids alone: an HRQ embedding is the mean of every
    /// level's code, and the ids carry the finest level only. Use <see cref="Decode(int[][])"/> for HRQ.
    /// </summary>
    public bool CanDecode => Config.Levels == 1;

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        if (!CanDecode) throw new NotSupportedException($"an {Config.Kind} tokenizer needs the codes of all {Config.Levels} levels to decode: use Decode(int[][])");
        var codes = new List<int>(ids.Length);
        foreach (var id in ids)
        {
            if (id == Special.Unk) codes.Add(NCode);
            else if (!Special.IsSpecial(id)) codes.Add(id - SpecialTokens.Count);
        }
        return Decode([codes.ToArray()]);
    }

    /// <inheritdoc/>
    public string IdToToken(int id) =>
        id < SpecialTokens.Count ? SpecialTokens.Names[id] : $"<{Config.Kind}{Config.Levels}:{id - SpecialTokens.Count}>";

    /// <summary>Writes the whole tokenizer folder (config.json, model.safetensors, tokenizer.json) beside <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var directory = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        VqTokenizerFolder.Save(model, directory);
    }

    private int WindowsPerBatch(int length) => Math.Clamp(PositionBudget / Math.Max(1, length), 1, BatchSize);

    /// <summary>Disposes the engine and the network.</summary>
    public void Dispose()
    {
        engine.Dispose();
        model.Dispose();
    }
}
