using Microsoft.ML.OnnxRuntime;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// The encoder's forward on ONNX Runtime over the exported graph (<see cref="EncoderOnnxExport"/>): the batch is
/// padded by the same <see cref="SequenceInputs.Batch"/> as on libtorch, and only the output of the requested layer
/// is fetched.
/// </summary>
public sealed class OnnxEncoderEngine : IEncoderEngine
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly SequenceInputs _inputs;
    private readonly string _tokensName;
    private readonly int _layers;
    private readonly string _source;

    /// <param name="model">The encoder graph's bytes.</param>
    /// <param name="inputs">The tokenizer the model was trained with (pads the batches).</param>
    /// <param name="layers">The encoder's block count (which output holds which layer).</param>
    /// <param name="source">Where the model came from, for error messages.</param>
    public OnnxEncoderEngine(byte[] model, SequenceInputs inputs, int layers, string source)
    {
        _inputs = inputs;
        _layers = layers;
        _source = source;
        _session = OnnxSessions.Open(model, source);
        try
        {
            _tokensName = _session.InputMetadata.ContainsKey(EncoderOnnxExport.IdsInput) ? EncoderOnnxExport.IdsInput : EncoderOnnxExport.VectorsInput;
            foreach (var name in new[] { _tokensName, EncoderOnnxExport.MaskInput })
                if (!_session.InputMetadata.ContainsKey(name))
                    throw new InvalidDataException($"{source} is not an encoder graph: no input '{name}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
            for (int layer = 0; layer <= layers; layer++)
                if (!_session.OutputMetadata.ContainsKey(EncoderOnnxExport.OutputFor(layer, layers)))
                    throw new InvalidDataException($"{source} is not the graph of a {layers}-layer encoder: no output '{EncoderOnnxExport.OutputFor(layer, layers)}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)})");
        }
        catch
        {
            OnnxSessions.Close(_session);
            throw;
        }
    }

    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Onnx;

    /// <inheritdoc/>
    public HiddenStates States(IReadOnlyList<TokenizedSequence> chunks, int layer)
    {
        if (layer < 0 || layer > _layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"--layer must be 0 … {_layers} (this encoder has {_layers} layers)");
        using var batch = OnnxEncoderBatch.Of(_inputs, chunks);
        var shape = batch.Shape;
        string output = EncoderOnnxExport.OutputFor(layer, _layers);
        using var outputs = _session.Run(_runOptions, [_tokensName, EncoderOnnxExport.MaskInput], [batch.Tokens, batch.Mask], [output]);
        var dims = outputs[0].GetTensorTypeAndShape().Shape;                                     // (n, c, D)
        if (dims.Length != 3 || dims[0] != shape[0] || dims[1] != shape[1])
            throw new InvalidDataException($"{_source}: output '{output}' has shape [{string.Join(", ", dims)}], expected [{shape[0]}, {shape[1]}, width]");
        return new HiddenStates(outputs[0].GetTensorDataAsSpan<float>().ToArray(), (int)dims[1], (int)dims[2]);
    }

    /// <summary>Closes the ONNX Runtime session and its buffers.</summary>
    public void Dispose()
    {
        _runOptions.Dispose();
        OnnxSessions.Close(_session);
    }
}
