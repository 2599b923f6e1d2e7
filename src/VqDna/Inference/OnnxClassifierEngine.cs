using Microsoft.ML.OnnxRuntime;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// The classifier's forward on ONNX Runtime over the exported graph (<see cref="ClassifierOnnxExport"/>). Rows are
/// cut here into chunks of at most the model's context, as <see cref="SequenceClassifier.Pooled"/> cuts them, and
/// at most <see cref="ChunkBatch"/> chunks go through the graph at a time (padded by the same
/// <see cref="SequenceInputs.Batch"/> as on libtorch); the chunks' <c>pooled</c> outputs are averaged per row,
/// weighted by their token counts (<see cref="ChunkPooling"/>, shared with libtorch), and the head graph (<see cref="ClassifierOnnxExport.BuildHead"/>) turns the
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
    private readonly SequencePooling _pooling;

    /// <param name="model">The classifier graph's bytes (with its <c>pooled</c> output).</param>
    /// <param name="head">The head graph's bytes (<see cref="ClassifierOnnxExport.BuildHead"/>).</param>
    /// <param name="inputs">The tokenizer the model was trained with (pads the batches).</param>
    /// <param name="maxLength">The model's context in tokens: the longest chunk fed to the graph.</param>
    /// <param name="source">Where the model came from, for error messages.</param>
    /// <param name="pooling">How the graph pools a chunk (its <c>pooled</c> output), and so how a row's chunks combine.</param>
    public OnnxClassifierEngine(byte[] model, byte[] head, SequenceInputs inputs, int maxLength, string source, SequencePooling pooling = SequencePooling.Mean)
    {
        _pooling = pooling;
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

    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Onnx;

    /// <summary>Most chunks in one run of the graph (bounds memory for long inputs), as <see cref="SequenceClassifier.ChunkBatch"/>.</summary>
    public int ChunkBatch { get; init; } = ChunkPooling.DefaultChunkBatch;

    /// <summary>The most rows (chunks) given to the graph in one run so far: at most <see cref="ChunkBatch"/>.</summary>
    public long LargestRunRows { get; private set; }

    /// <summary>The longest padded row given to the graph in one run so far: at most the model's context, whatever the record's length.</summary>
    public long LongestRunRow { get; private set; }

    /// <inheritdoc/>
    public float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows) =>
        Head(ChunkPooling.Pool(rows, _maxLength, ChunkBatch, _width, Encode, _pooling), rows.Count);

    /// <summary>Runs the graph on chunks of at most the context: their pooled vectors (chunks × D).</summary>
    private float[] Encode(List<TokenizedSequence> chunks)
    {
        using var batch = OnnxEncoderBatch.Of(_inputs, chunks);
        LargestRunRows = Math.Max(LargestRunRows, batch.Shape[0]);
        LongestRunRow = Math.Max(LongestRunRow, batch.Shape[1]);
        using var outputs = _session.Run(_runOptions, [_tokensName, ClassifierOnnxExport.MaskInput], [batch.Tokens, batch.Mask], [ClassifierOnnxExport.PooledOutput]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();                                 // (n, D)
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

    /// <summary>Closes the ONNX Runtime sessions and their buffers.</summary>
    public void Dispose()
    {
        _runOptions.Dispose();
        OnnxSessions.Close(_head);
        OnnxSessions.Close(_session);
    }
}
