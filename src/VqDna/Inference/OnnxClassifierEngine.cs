using Microsoft.ML.OnnxRuntime;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// The classifier's forward on ONNX Runtime over the exported graph (<see cref="ClassifierOnnxExport"/>). Rows are
/// cut here into chunks of at most the model's context, as <see cref="SequenceClassifier.Pooled"/> cuts them, and
/// at most <see cref="ChunkBatch"/> chunks go through the graph at a time (padded by the same
/// <see cref="SequenceInputs.Batch"/> as on libtorch); the chunks' <c>pooled</c> outputs are averaged per row,
/// weighted by their token counts, and the head graph (<see cref="ClassifierOnnxExport.BuildHead"/>) turns the
/// result into probabilities. The graph could chunk a long row itself, but then it holds every chunk's
/// activations at once: 9.98 GB for one 300 kb record (issue 20).
/// </summary>
public sealed class OnnxClassifierEngine : IClassifierEngine
{
    private readonly InferenceSession _session;
    private readonly InferenceSession _head;
    private readonly RunOptions _runOptions = new();
    private readonly SequenceInputs _inputs;
    private readonly string _tokensName;
    private readonly int _maxLength;
    private readonly int _width;

    /// <param name="model">The classifier graph's bytes (with its <c>pooled</c> output).</param>
    /// <param name="head">The head graph's bytes (<see cref="ClassifierOnnxExport.BuildHead"/>).</param>
    /// <param name="inputs">The tokenizer the model was trained with (pads the batches).</param>
    /// <param name="maxLength">The model's context in tokens: the longest chunk fed to the graph.</param>
    /// <param name="source">Where the model came from, for error messages.</param>
    public OnnxClassifierEngine(byte[] model, byte[] head, SequenceInputs inputs, int maxLength, string source)
    {
        if (maxLength <= 0) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "the model's context must be positive");
        _inputs = inputs;
        _maxLength = maxLength;
        _session = OnnxSessions.Open(model, source);
        try
        {
            _head = OnnxSessions.Open(head, $"the head of {source}");
            _tokensName = _session.InputMetadata.ContainsKey(ClassifierOnnxExport.IdsInput) ? ClassifierOnnxExport.IdsInput : ClassifierOnnxExport.VectorsInput;
            foreach (var name in new[] { _tokensName, ClassifierOnnxExport.MaskInput })
                if (!_session.InputMetadata.ContainsKey(name))
                    throw new InvalidDataException($"{source} is not a sequence classifier graph: no input '{name}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
            if (!_session.OutputMetadata.TryGetValue(ClassifierOnnxExport.PooledOutput, out var pooled))
                throw new InvalidDataException($"{source} has no output '{ClassifierOnnxExport.PooledOutput}' (exported before vqdna wrote it): export it again");
            _width = checked((int)pooled.Dimensions[^1]);
        }
        catch
        {
            OnnxSessions.Close(_session);
            throw;
        }
    }

    public InferenceEngine Kind => InferenceEngine.Onnx;

    /// <summary>Most chunks in one run of the graph (bounds memory for long inputs), as <see cref="SequenceClassifier.ChunkBatch"/>.</summary>
    public int ChunkBatch { get; init; } = 64;

    /// <summary>The most rows (chunks) given to the graph in one run so far: at most <see cref="ChunkBatch"/>.</summary>
    public long LargestRunRows { get; private set; }

    /// <summary>The longest padded row given to the graph in one run so far: at most the model's context, whatever the record's length.</summary>
    public long LongestRunRow { get; private set; }

    public float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows)
    {
        var pooled = new float[rows.Count * _width];                                               // (B, D), weighted sums of chunk vectors
        var part = new List<(int Row, TokenizedSequence Chunk)>(ChunkBatch);
        for (int b = 0; b < rows.Count; b++)
        {
            foreach (var chunk in rows[b].Chunks(_maxLength))
            {
                part.Add((b, chunk));
                if (part.Count == ChunkBatch) Accumulate(part, rows, pooled);
            }
        }
        if (part.Count > 0) Accumulate(part, rows, pooled);
        return Head(pooled, rows.Count);
    }

    /// <summary>Runs the graph on <paramref name="part"/>'s chunks and adds each pooled vector, weighted by its share of its row's tokens.</summary>
    private void Accumulate(List<(int Row, TokenizedSequence Chunk)> part, IReadOnlyList<TokenizedSequence> rows, float[] pooled)
    {
        long[] shape;
        float[]? vectors = null;
        long[]? ids = null;
        long[] mask;
        using (var scope = torch.NewDisposeScope())
        {
            var batch = _inputs.Batch(part.Select(p => p.Chunk).ToList()).Input;
            shape = batch.AttentionMask.shape;                                                     // (n, c)
            mask = batch.AttentionMask.to(ScalarType.Int64).ToArray<long>();
            if (batch.InputIds is { } t) ids = t.ToArray<long>();                                 // (n, c)
            else vectors = batch.InputVectors!.ToArray<float>();                                   // (n, c, InputDim)
        }
        LargestRunRows = Math.Max(LargestRunRows, shape[0]);
        LongestRunRow = Math.Max(LongestRunRow, shape[1]);
        using var tokens = ids is not null
            ? OrtValue.CreateTensorValueFromMemory(ids, shape)
            : OrtValue.CreateTensorValueFromMemory(vectors!, [shape[0], shape[1], vectors!.Length / (shape[0] * shape[1])]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var outputs = _session.Run(_runOptions, [_tokensName, ClassifierOnnxExport.MaskInput], [tokens, maskValue], [ClassifierOnnxExport.PooledOutput]);
        var chunkPooled = outputs[0].GetTensorDataAsSpan<float>();                                // (n, D)
        for (int c = 0; c < part.Count; c++)
        {
            var (row, chunk) = part[c];
            float weight = chunk.Length / (float)Math.Max(1, rows[row].Length);                    // as SequenceClassifier.Pooled
            var source = chunkPooled.Slice(c * _width, _width);
            var target = pooled.AsSpan(row * _width, _width);
            for (int d = 0; d < _width; d++) target[d] += weight * source[d];
        }
        part.Clear();
    }

    /// <summary>The head graph on the pooled rows: probabilities (B, classes), one array per row.</summary>
    private float[][] Head(float[] pooled, int count)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(pooled, [count, _width]);
        using var outputs = _head.Run(_runOptions, [ClassifierOnnxExport.PooledInput], [input], [ClassifierOnnxExport.ProbabilitiesOutput]);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>();                              // (B, classes)
        int classes = probabilities.Length / count;
        var result = new float[count][];
        for (int i = 0; i < count; i++) result[i] = probabilities.Slice(i * classes, classes).ToArray();
        return result;
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        OnnxSessions.Close(_head);
        OnnxSessions.Close(_session);
    }
}
