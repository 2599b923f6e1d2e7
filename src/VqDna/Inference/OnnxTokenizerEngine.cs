using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VqDna.Export;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;

namespace VqDna.Inference;

/// <summary>
/// The tokenizer's forward on ONNX Runtime, over the exported tokenizer graph (input <c>nucleotides</c> int64
/// (batch, length); outputs the codes of each level, the embedding, and each level's margin and near-tie flag,
/// see <see cref="TokenizerOnnxExport"/>). Inputs
/// and outputs are OrtValues over pinned arrays that live as long as the engine, re-made only when a batch's
/// shape changes (stitched windows keep one shape for almost every batch), so a long record runs with no
/// allocation per batch on our side and ONNX Runtime writes the results straight into our buffers.
/// </summary>
public sealed class OnnxTokenizerEngine : ITokenizerEngine
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _codeNames, _marginNames, _nearTieNames;
    private readonly string _embeddingName;

    private long[] _input = [];
    private readonly long[][] _codes;
    private readonly float[][] _margins;
    private readonly bool[][] _nearTies;
    private float[] _embedding = [];
    private int _size, _embeddingSize;

    // The OrtValues of the last shape, reused while the shape stays.
    private (int Rows, int Length, bool Embedding, bool Margins) _bound = (-1, -1, false, false);
    private readonly List<OrtValue> _values = [];
    private OrtValue[] _inputValues = [], _outputValues = [];
    private string[] _outputNames = [];

    /// <summary>Opens a session over an exported tokenizer graph (the bytes of a model.onnx).</summary>
    /// <param name="model">The ONNX model.</param>
    /// <param name="config">The tokenizer's architecture: the graph must have one codes and one margin output per level.</param>
    /// <param name="source">Where the model came from, for error messages.</param>
    public OnnxTokenizerEngine(byte[] model, VqTokenizerConfig config, string source)
    {
        Config = config;
        _session = OnnxSessions.Open(model, source);
        _codeNames = Enumerable.Range(1, config.Levels).Select(TokenizerOnnxExport.CodesOutput).ToArray();
        _marginNames = Enumerable.Range(1, config.Levels).Select(TokenizerOnnxExport.MarginOutput).ToArray();
        _nearTieNames = Enumerable.Range(1, config.Levels).Select(TokenizerOnnxExport.NearTieOutput).ToArray();
        _embeddingName = TokenizerOnnxExport.EmbeddingOutput;
        Check(source);
        _codes = _codeNames.Select(_ => Array.Empty<long>()).ToArray();
        _margins = _marginNames.Select(_ => Array.Empty<float>()).ToArray();
        _nearTies = _nearTieNames.Select(_ => Array.Empty<bool>()).ToArray();
    }

    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Onnx;
    /// <inheritdoc/>
    public VqTokenizerConfig Config { get; }

    /// <summary>Also fetch the margins and near-tie flags (<see cref="Margins"/>, <see cref="NearTies"/>) on the next runs: the equivalence tests read them.</summary>
    public bool WithMargins { get; set; }

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<long> nucleotides, int rows, int length, bool embedding)
    {
        int size = rows * length;
        if (_bound != (rows, length, embedding, WithMargins)) Bind(rows, length, embedding, WithMargins);
        nucleotides[..size].CopyTo(_input);
        _session.Run(_runOptions, [TokenizerOnnxExport.InputName], _inputValues, _outputNames, _outputValues);
        _size = size;
        _embeddingSize = embedding ? size * Config.CodeDim : 0;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<long> Codes(int level) => _codes[level].AsSpan(0, _size);

    /// <inheritdoc/>
    public ReadOnlySpan<float> Embedding => _embedding.AsSpan(0, _embeddingSize);

    /// <summary>
    /// Level <paramref name="level"/>'s (0-based) margin of the last batch, rows × length: the squared distance to
    /// the runner-up code minus that to the chosen one. Only after a run with <see cref="WithMargins"/>.
    /// </summary>
    public ReadOnlySpan<float> Margins(int level) => _bound.Margins ? _margins[level].AsSpan(0, _size) : throw NoMargins();

    /// <summary>
    /// Level <paramref name="level"/>'s (0-based) near-tie flags of the last batch: the margin is within the float32
    /// error bound, so the engines may pick different codes of (nearly) equal distance there and both are right.
    /// </summary>
    public ReadOnlySpan<bool> NearTies(int level) => _bound.Margins ? _nearTies[level].AsSpan(0, _size) : throw NoMargins();

    private static InvalidOperationException NoMargins() => new("margins are fetched only by runs with WithMargins set");

    /// <summary>Makes the OrtValues for a new shape, growing the pinned buffers when needed.</summary>
    private void Bind(int rows, int length, bool embedding, bool margins)
    {
        foreach (var value in _values) value.Dispose();
        _values.Clear();
        int size = rows * length, d = Config.CodeDim;
        if (_input.Length < size) _input = new long[size];
        for (int level = 0; level < _codes.Length; level++)
        {
            if (_codes[level].Length < size) _codes[level] = new long[size];
            if (margins && _margins[level].Length < size) (_margins[level], _nearTies[level]) = (new float[size], new bool[size]);
        }
        if (embedding && _embedding.Length < size * d) _embedding = new float[size * d];

        long[] shape = [rows, length];
        _inputValues = [Over(_input, shape)];
        var names = new List<string>(_codeNames);
        var outputs = _codes.Select(c => Over(c, shape)).ToList();
        if (embedding)
        {
            names.Add(_embeddingName);
            outputs.Add(Over(_embedding, [rows, length, d]));
        }
        if (margins)
        {
            names.AddRange(_marginNames.Concat(_nearTieNames));
            outputs.AddRange(_margins.Select(m => Over(m, shape)).Concat(_nearTies.Select(t => Over(t, shape))));
        }
        (_outputNames, _outputValues) = (names.ToArray(), outputs.ToArray());
        _bound = (rows, length, embedding, margins);
    }

    /// <summary>A tensor over the first elements of <paramref name="buffer"/> (pinned until the value is disposed).</summary>
    private OrtValue Over<T>(T[] buffer, long[] shape) where T : unmanaged
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(), shape);
        _values.Add(value);
        return value;
    }

    /// <summary>Refuses a graph that is not a tokenizer of this architecture, naming what is missing.</summary>
    private void Check(string source)
    {
        if (!_session.InputMetadata.TryGetValue(TokenizerOnnxExport.InputName, out var input) || input.ElementDataType != TensorElementType.Int64)
            throw new InvalidDataException($"{source} is not a learned tokenizer graph: it has no int64 input '{TokenizerOnnxExport.InputName}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
        foreach (var (name, type) in _codeNames.Select(n => (n, TensorElementType.Int64))
                     .Concat(_marginNames.Append(_embeddingName).Select(n => (n, TensorElementType.Float)))
                     .Concat(_nearTieNames.Select(n => (n, TensorElementType.Bool))))
            if (!_session.OutputMetadata.TryGetValue(name, out var output) || output.ElementDataType != type)
                throw new InvalidDataException($"{source} does not fit a {Config.Levels}-level {Config.Kind} tokenizer: no {type} output '{name}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)})");
    }

    /// <summary>Closes the ONNX Runtime session and its bound buffers.</summary>
    public void Dispose()
    {
        foreach (var value in _values) value.Dispose();
        _values.Clear();
        _runOptions.Dispose();
        OnnxSessions.Close(_session);
    }
}
