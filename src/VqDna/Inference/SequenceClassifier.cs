using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// A classification model with its tokenizer: sequences of any length in, class logits out. Inputs longer
/// than the model's context (<see cref="EncoderConfig.MaxLength"/> tokens) run as consecutive chunks whose
/// pooled outputs are averaged, weighted by their token counts, which is the mean over every token of the
/// sequence (or, under max pooling, whose largest values are kept, the maximum over every token): the same pooling
/// the head sees for short inputs. Fine-tuning trains through the same path, back-propagating
/// through a bounded number of chunks per row (<see cref="GradientChunksPerRow"/>).
/// The model and <see cref="SequenceInputs.Device"/> must agree: batches are made where the inputs say (see <see cref="To"/>).
/// </summary>
public sealed class SequenceClassifier(DnaForSequenceClassification model, SequenceInputs inputs) : IClassifierModel
{
    string IClassifierModel.Description => Inputs.Name;

    /// <summary>A record is tokenized whole before its chunks are encoded (chunk-and-pool needs every token): its tokens' bytes.</summary>
    long IClassifierModel.BytesPerNucleotide => TokenizedRows.BytesPerNucleotide(Inputs.Spec);

    /// <summary>The fine-tuned encoder and its classification head.</summary>
    public DnaForSequenceClassification Model { get; } = model;
    /// <summary>The tokenizer that turns sequences into the model's inputs.</summary>
    public SequenceInputs Inputs { get; } = inputs;

    /// <summary>Sequences per forward pass of <see cref="Probabilities"/> and <see cref="Features"/> (`vqdna predict --batch`).</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>
    /// Most chunks in one encoder pass (bounds memory for long inputs): the engines' <see cref="ChunkPooling.DefaultChunkBatch"/>.
    /// Issue 19: at 64, fine-tuning's passes without gradient grew with the row up to 64 context-sized chunks (1.9 GB at
    /// 20 kbp rows, batch 4).
    /// </summary>
    public int ChunkBatch { get; init; } = ChunkPooling.DefaultChunkBatch;

    /// <summary>(B, classes) logits with gradient (when enabled) for already tokenized sequences.</summary>
    public Tensor Logits(IReadOnlyList<TokenizedSequence> rows)
    {
        using var pooled = Pooled(rows);
        return Model.Head(pooled);
    }

    /// <summary>
    /// In training (gradient enabled, model in train mode), how many chunks of a row longer than the context keep their
    /// activations for the backward pass; the others are encoded without gradient (issue 19: a 100 kbp row kept 200
    /// chunks' activations and reached 14.9 GB). The forward value is unchanged: every chunk is encoded and pooled.
    /// </summary>
    public int GradientChunksPerRow { get; init; } = 1;

    /// <summary>
    /// (B, P): each sequence's encoder output pooled over all its tokens (chunk by chunk; the mean, the maximum or both as
    /// <see cref="ClassifierConfig.Pooling"/> says), what the head reads. In
    /// training, a row of n &gt; <see cref="GradientChunksPerRow"/> = m chunks back-propagates through m of them, drawn
    /// from libtorch's generator (seeded per step, so resume stays exact), the mean's gradients scaled by n / m so the
    /// expected gradient is the full one. Memory is then bounded by the batch, not by the row length.
    /// </summary>
    public Tensor Pooled(IReadOnlyList<TokenizedSequence> rows)
    {
        int maxTokens = Model.Config.MaxLength;
        var chunks = new List<TokenizedSequence>();
        var owner = new List<int>();
        for (int b = 0; b < rows.Count; b++)
        {
            foreach (var chunk in rows[b].Chunks(maxTokens)) { chunks.Add(chunk); owner.Add(b); }
        }
        var scale = GradientScales(owner);
        // Chunks without gradient first, then those with it; w's columns follow that order.
        var order = Enumerable.Range(0, chunks.Count).OrderBy(c => scale[c] > 0 ? 1 : 0).ToList();
        var w = new float[rows.Count * chunks.Count];                                // (B, chunks): token share of each chunk
        for (int j = 0; j < order.Count; j++)
        {
            int c = order[j];
            w[owner[c] * chunks.Count + j] = chunks[c].Length / (float)Math.Max(1, rows[owner[c]].Length);
        }
        var pooled = new List<Tensor>();
        try
        {
            var frozen = order.Where(c => scale[c] == 0).ToList();
            if (frozen.Count > 0)
            {
                using var noGrad = torch.no_grad();
                Encode(frozen, chunks, scale, pooled);
            }
            Encode(order.Where(c => scale[c] > 0).ToList(), chunks, scale, pooled);
            using var allPooled = torch.cat(pooled, 0);
            using var weightTensor = torch.tensor(w, [rows.Count, chunks.Count], device: Inputs.Device);
            var parts = Model.Classifier.Pooling.Parts();
            if (parts.Count == 1) return Combine(parts[0], allPooled, weightTensor);
            using var combined = torch.NewDisposeScope();
            long partWidth = allPooled.size(1) / parts.Count;
            var halves = parts.Select((part, p) => Combine(part, allPooled.narrow(1, p * partWidth, partWidth), weightTensor)).ToList();
            return torch.cat(halves, 1).MoveToOuterDisposeScope();                       // (B, P)
        }
        finally
        {
            foreach (var t in pooled) t.Dispose();
        }
    }

    /// <summary>Chunks' pooled vectors (chunks, D) combined per row as <paramref name="part"/> says: weighted by token share (the mean) or by their largest values.</summary>
    private static Tensor Combine(SequencePooling part, Tensor chunkPooled, Tensor weights) =>
        part == SequencePooling.Max ? LargestPerRow(chunkPooled, weights) : weights.matmul(chunkPooled);   // (B, D)

    /// <summary>
    /// Max pooling across chunks: (B, D), the largest of each feature over the chunks of each row (a row's chunks are
    /// those with a positive weight in <paramref name="weights"/> (B, chunks)), which is the largest over every token
    /// of the row; zeros for a row without a token, as <see cref="DnaEncoder.MaxPool"/>.
    /// </summary>
    private static Tensor LargestPerRow(Tensor chunkPooled, Tensor weights)
    {
        using var member = weights.gt(0);                                            // (B, chunks)
        using var single = chunkPooled.unsqueeze(0);                                 // (1, chunks, D)
        using var spread = single.expand(weights.size(0), weights.size(1), chunkPooled.size(1));   // (B, chunks, D)
        return DnaEncoder.MaxPool(spread, member);                                   // chunks as the "tokens" of each row
    }

    /// <summary>Moves the model and its inputs (batches, a learned tokenizer's network) to <paramref name="device"/>, as torch's Module.to.</summary>
    public SequenceClassifier To(Device device)
    {
        Model.to(device);
        Inputs.To(device);
        return this;
    }

    /// <summary>Appends the pooled outputs (k, D) of chunks <paramref name="indices"/>, at most <see cref="ChunkBatch"/> per pass.</summary>
    private void Encode(List<int> indices, List<TokenizedSequence> chunks, float[] scale, List<Tensor> pooled)
    {
        foreach (var part in indices.Chunk(ChunkBatch))
        {
            using var scope = torch.NewDisposeScope();
            var encoded = Model.Pool(Inputs.Batch(part.Select(c => chunks[c]).ToList()).Input);                  // (k, P)
            if (part.Any(c => scale[c] is not (0 or 1)))
            {
                // s·p + (1 − s)·sg(p): the value p, the gradient s·∇p. Mean pooling: s = n / m makes the expected
                // gradient the full one. Max pooling sends the gradient to the chunk that holds the maximum, unscaled,
                // when it is one of those drawn: s = 1 on its features.
                var parts = Model.Classifier.Pooling.Parts();
                long partWidth = encoded.size(1) / parts.Count;
                var perPart = part.SelectMany(c => parts.Select(p => p == SequencePooling.Max && scale[c] > 0 ? 1f : scale[c])).ToArray();
                var s = torch.tensor(perPart, [part.Length, parts.Count, 1], device: Inputs.Device)
                    .expand(part.Length, parts.Count, partWidth).reshape(part.Length, parts.Count * partWidth);   // (k, P)
                encoded = encoded * s + encoded.detach() * (1 - s);
            }
            pooled.Add(encoded.DetachFromDisposeScope());
        }
    }

    /// <summary>
    /// Per chunk (rows' chunks consecutive, <paramref name="owner"/> their row): 1 outside training or for a row that fits
    /// <see cref="GradientChunksPerRow"/>; in training, for longer rows, n / m for the m chunks drawn and 0 (no gradient) for the rest.
    /// </summary>
    private float[] GradientScales(List<int> owner)
    {
        var scale = Enumerable.Repeat(1f, owner.Count).ToArray();
        if (!Model.training || !torch.is_grad_enabled()) return scale;
        int m = Math.Max(1, GradientChunksPerRow);
        for (int first = 0; first < owner.Count;)
        {
            int n = 1;
            while (first + n < owner.Count && owner[first + n] == owner[first]) n++;
            if (n > m)
            {
                using var perm = torch.randperm(n);
                var drawn = perm.ToArray<long>();
                for (int i = 0; i < n; i++) scale[first + i] = 0;
                // n / m on each drawn chunk, what the mean's features take; Encode gives a max's features 1 instead.
                for (int i = 0; i < m; i++) scale[first + (int)drawn[i]] = n / (float)m;
            }
            first += n;
        }
        return scale;
    }

    private IClassifierEngine? _engine;

    /// <summary>What <see cref="Probabilities"/> runs on: libtorch (<see cref="Logits"/>) unless another engine was set.</summary>
    public IClassifierEngine Engine => _engine ??= new TorchClassifierEngine(this);

    /// <summary>Runs <see cref="Probabilities"/> on <paramref name="engine"/> from now on (owned by the classifier; the previous one is disposed).</summary>
    public void UseEngine(IClassifierEngine engine)
    {
        _engine?.Dispose();
        _engine = engine;
    }

    /// <summary>
    /// The pooled encoder outputs (N, P) of raw sequences, in batches, in eval mode and without gradient, on
    /// libtorch: the frozen features a linear probe of the pre-trained encoder reads.
    /// </summary>
    public float[,] Features(IReadOnlyList<string> sequences, int batchSize = DefaultBatchSize)
    {
        int width = Model.PooledWidth;
        var features = new float[sequences.Count, width];
        using var noGrad = torch.no_grad();
        ForEachBatchInEvalMode(sequences.Count, batchSize, (start, count) =>
        {
            using var scope = torch.NewDisposeScope();
            var values = Pooled(Inputs.Tokenize(Slice(sequences, start, count))).ToArray<float>();
            Buffer.BlockCopy(values, 0, features, start * width * sizeof(float), values.Length * sizeof(float));
        });
        return features;
    }

    /// <summary>Class probabilities (N, classes) of raw sequences, in batches, without gradient, on <see cref="Engine"/>.</summary>
    public float[][] Probabilities(IReadOnlyList<string> sequences, int batchSize = DefaultBatchSize)
    {
        var result = new float[sequences.Count][];
        ForEachBatchInEvalMode(sequences.Count, batchSize, (start, count) => Engine.Probabilities(Inputs.Tokenize(Slice(sequences, start, count))).CopyTo(result, start));
        return result;
    }

    /// <summary>
    /// Class probabilities of rows tokenized by <see cref="Inputs"/> and kept (<see cref="TokenizedRows"/>): the same
    /// batches as <see cref="Probabilities"/>, without running the tokenizer again on a row.
    /// </summary>
    public float[][] ProbabilitiesOfTokenized(TokenizedRows rows, int batchSize = DefaultBatchSize)
    {
        var result = new float[rows.Count][];
        ForEachBatchInEvalMode(rows.Count, batchSize, (start, count) => Engine.Probabilities(rows.Range(start, count)).CopyTo(result, start));
        return result;
    }

    private static List<string> Slice(IReadOnlyList<string> sequences, int start, int count) => Enumerable.Range(start, count).Select(i => sequences[i]).ToList();

    /// <summary>Runs <paramref name="batch"/> on consecutive slices (start, count) of <paramref name="total"/> rows with the model in eval mode, then restores its mode.</summary>
    private void ForEachBatchInEvalMode(int total, int batchSize, Action<int, int> batch)
    {
        bool wasTraining = Model.training;
        Model.Eval();
        try
        {
            for (int start = 0; start < total; start += batchSize)
                batch(start, Math.Min(batchSize, total - start));
        }
        finally
        {
            Model.Train(wasTraining);
        }
    }
}
