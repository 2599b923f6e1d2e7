using VqDna.Datasets;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.ModelFolders;

/// <summary>
/// The encoder's contextual embeddings (issue 20: the first thing users of a DNA language model ask for), from a
/// pre-trained folder or a fine-tuned one (the adapted encoder; the head is not used), on libtorch in eval mode.
/// Sequences longer than the context are encoded in consecutive context-sized chunks, at most
/// <see cref="ChunkBatch"/> at a time, as `predict` does, so memory stays bounded: a per-sequence mean is the
/// mean over every token of every chunk, a max the maximum over them, and per-token states are the chunks' states
/// one after the other.
/// </summary>
public sealed class SequenceEmbedder : IDisposable
{
    private readonly IDisposable _owner;

    private SequenceEmbedder(DnaEncoder encoder, SequenceInputs inputs, IDisposable owner)
    {
        Encoder = encoder;
        Inputs = inputs;
        _owner = owner;
    }

    public DnaEncoder Encoder { get; }
    public SequenceInputs Inputs { get; }

    /// <summary>The embedding size: the encoder's width.</summary>
    public int Width => Encoder.Config.Width;

    /// <summary>The encoder's block count: the deepest <c>--layer</c>, and the default.</summary>
    public int Layers => Encoder.Config.Layers;

    /// <summary>Most chunks in one encoder pass.</summary>
    public int ChunkBatch { get; init; } = ChunkPooling.DefaultChunkBatch;

    /// <summary>Loads a `pretrain` or `finetune` output folder, to run on <paramref name="device"/> (the CPU unless given).</summary>
    public static SequenceEmbedder Load(string directory, Device? device = null)
    {
        EncoderFolder.RefuseTokenizerFolder(directory);
        var on = device ?? Device.CPU;
        if (File.Exists(Path.Combine(directory, LabelSet.FileName)))
        {
            var finetuned = FinetunedModel.Load(directory, InferenceEngine.Torch, device: on);
            finetuned.Classifier.Model.Eval();
            return new SequenceEmbedder(finetuned.Classifier.Model.encoder, finetuned.Classifier.Inputs, finetuned);
        }
        var model = EncoderFolder.LoadMaskedModeling(directory);
        try
        {
            var inputs = PretrainedFolder.LoadInputs(directory);
            model.to(on);
            inputs.To(on);
            model.Eval();
            return new SequenceEmbedder(model.encoder, inputs, new Owner(model, inputs));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Tokens the encoder sees for <paramref name="sequence"/> (one per nucleotide for a learned tokenizer).</summary>
    public int TokenCount(string sequence) => Inputs is CodeVectorInputs ? sequence.Length : Inputs.Tokenize([sequence])[0].Length;

    /// <summary>One vector (Width) per sequence, pooled over its tokens' states at <paramref name="layer"/> (see <see cref="DnaEncoder.HiddenStates"/>).</summary>
    public float[][] Pooled(IReadOnlyList<string> sequences, EmbeddingPooling pooling, int layer)
    {
        var rows = Inputs.Tokenize(sequences);
        int d = Width;
        var result = rows.Select(_ => new float[d]).ToArray();
        if (pooling == EmbeddingPooling.Max) foreach (var r in result) Array.Fill(r, float.NegativeInfinity);
        var seen = new bool[rows.Count];
        ForEachChunk(rows, layer, (row, chunk, states) =>
        {
            var target = result[row];
            switch (pooling)
            {
                case EmbeddingPooling.Mean:
                    float share = 1f / Math.Max(1, rows[row].Length);
                    for (int t = 0; t < chunk.Length; t++)
                        for (int j = 0; j < d; j++) target[j] += states[t * d + j] * share;
                    break;
                case EmbeddingPooling.Max:
                    for (int t = 0; t < chunk.Length; t++)
                        for (int j = 0; j < d; j++) target[j] = Math.Max(target[j], states[t * d + j]);
                    break;
                case EmbeddingPooling.Cls:
                    if (!seen[row] && chunk.Length > 0) states[..d].CopyTo(target);
                    break;
            }
            seen[row] = true;
        });
        foreach (var r in result)
            for (int j = 0; j < d; j++) if (float.IsNegativeInfinity(r[j])) r[j] = 0;                // an empty sequence
        return result;
    }

    /// <summary>Every token's state (tokens × Width, row-major) at <paramref name="layer"/>, handed to <paramref name="rows"/> chunk by chunk in order.</summary>
    public void PerToken(string sequence, int layer, Action<ReadOnlySpan<float>> rows)
    {
        var tokenized = Inputs.Tokenize([sequence]);
        ForEachChunk(tokenized, layer, (_, chunk, states) => rows(states[..(chunk.Length * Width)]));
    }

    /// <summary>Runs the encoder over every row's context-sized chunks, at most <see cref="ChunkBatch"/> at a time; hands each chunk's states (c × D) to <paramref name="visit"/> in order.</summary>
    private void ForEachChunk(IReadOnlyList<TokenizedSequence> rows, int layer, ChunkVisitor visit)
    {
        int maxTokens = Encoder.Config.MaxLength, d = Width;
        var part = new List<(int Row, TokenizedSequence Chunk)>(ChunkBatch);
        void Run()
        {
            if (part.Count == 0) return;
            float[] states;
            long width;
            using (var scope = torch.NewDisposeScope())
            using (var noGrad = torch.no_grad())
            {
                var batch = Inputs.Batch(part.Select(p => p.Chunk).ToList());
                var hidden = Encoder.HiddenStates(batch.Input, layer);                          // (n, c, D)
                width = hidden.size(1);
                states = hidden.ToArray<float>();
            }
            for (int i = 0; i < part.Count; i++)
                visit(part[i].Row, part[i].Chunk, states.AsSpan((int)(i * width * d), (int)(width * d)));
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

    public void Dispose() => _owner.Dispose();

    private sealed class Owner(DnaForMaskedModeling model, SequenceInputs inputs) : IDisposable
    {
        public void Dispose()
        {
            model.Dispose();
            inputs.Dispose();
        }
    }
}
