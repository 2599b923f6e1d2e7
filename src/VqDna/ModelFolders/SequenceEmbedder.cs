using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.ModelFolders;

/// <summary>
/// The encoder's contextual embeddings (issue 20: the first thing users of a DNA language model ask for), from a
/// pre-trained folder or a fine-tuned one (the adapted encoder; the head is not used), in eval mode on libtorch or
/// ONNX Runtime (<see cref="IEncoderEngine"/>; the same default as `predict`). Sequences longer than the context are
/// encoded in consecutive context-sized chunks, at most <see cref="ChunkBatch"/> at a time, as `predict` does, so
/// memory stays bounded: a per-sequence mean is the mean over every token of every chunk, a max the maximum over
/// them, and per-token states are the chunks' states one after the other.
/// </summary>
public sealed class SequenceEmbedder : IDisposable
{
    private readonly IDisposable _owner;

    private SequenceEmbedder(EncoderConfig config, SequenceInputs inputs, IEncoderEngine engine, IDisposable owner)
    {
        Config = config;
        Inputs = inputs;
        Engine = engine;
        _owner = owner;
    }

    /// <summary>The encoder's architecture.</summary>
    public EncoderConfig Config { get; }

    /// <summary>The tokenizer the encoder was trained with.</summary>
    public SequenceInputs Inputs { get; }

    /// <summary>What runs the encoder.</summary>
    public IEncoderEngine Engine { get; }

    /// <summary>The embedding size: the encoder's width.</summary>
    public int Width => Config.Width;

    /// <summary>The encoder's block count: the deepest <c>--layer</c>, and the default.</summary>
    public int Layers => Config.Layers;

    /// <summary>Most chunks in one encoder pass.</summary>
    public int ChunkBatch { get; init; } = ChunkPooling.DefaultChunkBatch;

    /// <summary>
    /// Loads a `pretrain` or `finetune` output folder; the encoder (and a learned tokenizer's) run on <paramref name="engine"/>,
    /// libtorch's on <paramref name="device"/> (the CPU unless given; ONNX Runtime here is CPU-only).
    /// </summary>
    public static SequenceEmbedder Load(string directory, InferenceEngine engine = InferenceDefaults.Engine, Device? device = null)
    {
        EncoderFolder.RefuseNonEncoderFolder(directory);
        var on = device ?? Device.CPU;
        if (File.Exists(Path.Combine(directory, LabelSet.FileName)))
        {
            // The classifier's own engine is not needed: load on libtorch, then run the encoder alone on the engine asked for.
            var finetuned = FinetunedModel.Load(directory, InferenceEngine.Torch, device: on);
            try
            {
                var network = finetuned.Classifier.Model;
                network.Eval();
                finetuned.Classifier.Inputs.UseEngine(engine);
                var encoderEngine = EncoderEngines.Create(network.encoder, finetuned.Classifier.Inputs, engine, directory);
                return new SequenceEmbedder(network.Config, finetuned.Classifier.Inputs, encoderEngine, new Owner(encoderEngine, finetuned));
            }
            catch
            {
                finetuned.Dispose();
                throw;
            }
        }
        var model = EncoderFolder.LoadMaskedModeling(directory);
        SequenceInputs? inputs = null;
        try
        {
            inputs = PretrainedFolder.LoadInputs(directory);
            PretrainedFolder.CheckMatches(inputs, model.Config, directory);
            inputs.UseEngine(engine);
            model.to(on);
            inputs.To(on);
            model.Eval();
            var encoderEngine = EncoderEngines.Create(model.encoder, inputs, engine, directory);
            return new SequenceEmbedder(model.Config, inputs, encoderEngine, new Owner(encoderEngine, model, inputs));
        }
        catch
        {
            model.Dispose();
            inputs?.Dispose();
            throw;
        }
    }

    /// <summary>Tokens the encoder sees for <paramref name="sequence"/> (one per nucleotide for a learned tokenizer).</summary>
    public int TokenCount(string sequence) => Inputs is CodeVectorInputs ? sequence.Length : Inputs.Tokenize([sequence])[0].Length;

    /// <summary>One vector per sequence (Width wide; twice that for <see cref="EmbeddingPooling.MeanMax"/>), pooled over its tokens' states at <paramref name="layer"/> (see <see cref="DnaEncoder.HiddenStates"/>).</summary>
    public float[][] Pooled(IReadOnlyList<string> sequences, EmbeddingPooling pooling, int layer)
    {
        var rows = Inputs.Tokenize(sequences);
        int d = Width, meanAt = pooling.MeanOffset(), maxAt = pooling.MaxOffset(d);
        var result = rows.Select(_ => new float[pooling.PooledWidth(d)]).ToArray();
        if (maxAt >= 0) foreach (var r in result) Array.Fill(r, float.NegativeInfinity, maxAt, d);
        var seen = new bool[rows.Count];
        ForEachChunk(rows, layer, (row, chunk, states) =>
        {
            var target = result[row];
            if (meanAt >= 0)
            {
                float share = 1f / Math.Max(1, rows[row].Length);
                for (int t = 0; t < chunk.Length; t++)
                    for (int j = 0; j < d; j++) target[meanAt + j] += states[t * d + j] * share;
            }
            if (maxAt >= 0)
                for (int t = 0; t < chunk.Length; t++)
                    for (int j = 0; j < d; j++) target[maxAt + j] = Math.Max(target[maxAt + j], states[t * d + j]);
            if (pooling == EmbeddingPooling.Cls && !seen[row] && chunk.Length > 0) states[..d].CopyTo(target);
            seen[row] = true;
        });
        foreach (var r in result)
            for (int j = 0; j < r.Length; j++) if (float.IsNegativeInfinity(r[j])) r[j] = 0;          // an empty sequence
        return result;
    }

    /// <summary>Every token's state (tokens × Width, row-major) at <paramref name="layer"/>, handed to <paramref name="rows"/> chunk by chunk in order.</summary>
    public void PerToken(string sequence, int layer, Action<ReadOnlySpan<float>> rows)
    {
        var tokenized = Inputs.Tokenize([sequence]);
        ForEachChunk(tokenized, layer, (_, chunk, states) => rows(states));
    }

    /// <summary>Runs the encoder over every row's context-sized chunks, at most <see cref="ChunkBatch"/> at a time; hands each chunk's states (c × D) to <paramref name="visit"/> in order.</summary>
    private void ForEachChunk(IReadOnlyList<TokenizedSequence> rows, int layer, ChunkVisitor visit)
    {
        if (layer < 0 || layer > Layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"--layer must be 0 … {Layers} (this encoder has {Layers} layers)");
        int maxTokens = Config.MaxLength;
        var part = new List<(int Row, TokenizedSequence Chunk)>(ChunkBatch);
        void Run()
        {
            if (part.Count == 0) return;
            var states = Engine.States(part.Select(p => p.Chunk).ToList(), layer);                 // (n, c, D)
            for (int i = 0; i < part.Count; i++) visit(part[i].Row, part[i].Chunk, states.Chunk(i, part[i].Chunk.Length));
            part.Clear();
        }
        for (int b = 0; b < rows.Count; b++)
            foreach (var chunk in rows[b].Chunks(maxTokens))
            {
                part.Add((b, chunk));
                if (part.Count == ChunkBatch) Run();
            }
        Run();
    }

    private delegate void ChunkVisitor(int row, TokenizedSequence chunk, Span<float> states);

    /// <summary>Disposes the engine, then the model and tokenizer it runs.</summary>
    public void Dispose() => _owner.Dispose();

    /// <summary>Disposes the engine first, then what it runs.</summary>
    private sealed class Owner(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts) part.Dispose();
        }
    }
}
