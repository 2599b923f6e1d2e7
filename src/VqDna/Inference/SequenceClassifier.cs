using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// A classification model with its tokenizer: sequences of any length in, class logits out. Inputs longer
/// than the model's context (<see cref="EncoderConfig.MaxLength"/> tokens) run as consecutive chunks whose
/// pooled outputs are averaged, weighted by their token counts, which is the mean over every token of the
/// sequence: the same pooling the head sees for short inputs. Fine-tuning trains through the same path.
/// The model and <see cref="SequenceInputs.Device"/> must agree: batches are made where the inputs say (see <see cref="To"/>).
/// </summary>
public sealed class SequenceClassifier(DnaForSequenceClassification model, SequenceInputs inputs)
{
    public DnaForSequenceClassification Model { get; } = model;
    public SequenceInputs Inputs { get; } = inputs;

    /// <summary>Sequences per forward pass of <see cref="Probabilities"/> and <see cref="Features"/> (`vqdna predict --batch`).</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>Most chunks in one encoder pass (bounds memory for long inputs).</summary>
    public int ChunkBatch { get; init; } = 64;

    /// <summary>(B, classes) logits with gradient (when enabled) for already tokenized sequences.</summary>
    public Tensor Logits(IReadOnlyList<TokenizedSequence> rows)
    {
        using var pooled = Pooled(rows);
        return Model.classifier.Forward(pooled);
    }

    /// <summary>(B, D): each sequence's encoder output averaged over all its tokens (chunk by chunk), what the head reads.</summary>
    public Tensor Pooled(IReadOnlyList<TokenizedSequence> rows)
    {
        int maxTokens = Model.Config.MaxLength;
        var chunks = new List<TokenizedSequence>();
        var owner = new List<int>();
        for (int b = 0; b < rows.Count; b++)
        {
            foreach (var chunk in rows[b].Chunks(maxTokens)) { chunks.Add(chunk); owner.Add(b); }
        }
        var w = new float[rows.Count * chunks.Count];                                // (B, chunks): token share of each chunk
        for (int c = 0; c < chunks.Count; c++) w[owner[c] * chunks.Count + c] = chunks[c].Length / (float)Math.Max(1, rows[owner[c]].Length);
        var pooled = new List<Tensor>();
        try
        {
            foreach (var part in chunks.Chunk(ChunkBatch))
            {
                using var scope = torch.NewDisposeScope();
                var batch = Inputs.Batch(part);
                var encoded = Model.encoder.Forward(batch.Input);
                pooled.Add(encoded.Pooled.DetachFromDisposeScope());                    // (chunks, D)
            }
            using var allPooled = torch.cat(pooled, 0);
            using var weightTensor = torch.tensor(w, [rows.Count, chunks.Count], device: Inputs.Device);
            return weightTensor.matmul(allPooled);                                      // (B, D)
        }
        finally
        {
            foreach (var t in pooled) t.Dispose();
        }
    }

    /// <summary>Moves the model and its inputs (batches, a learned tokenizer's network) to <paramref name="device"/>, as torch's Module.to.</summary>
    public SequenceClassifier To(Device device)
    {
        Model.to(device);
        Inputs.To(device);
        return this;
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
    /// The pooled encoder outputs (N, D) of raw sequences, in batches, in eval mode and without gradient, on
    /// libtorch: the frozen features a linear probe of the pre-trained encoder reads.
    /// </summary>
    public float[,] Features(IReadOnlyList<string> sequences, int batchSize = DefaultBatchSize)
    {
        int width = Model.Config.Width;
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
