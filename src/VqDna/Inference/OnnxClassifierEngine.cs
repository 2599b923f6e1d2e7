using Microsoft.ML.OnnxRuntime;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// The classifier's forward on ONNX Runtime over the exported graph (<see cref="ClassifierOnnxExport"/>): the
/// batch is padded by the same <see cref="SequenceInputs.Batch"/> as on libtorch, then fed as token ids or code
/// vectors with the attention mask; the graph chunks long rows itself as <see cref="SequenceClassifier"/> does.
/// </summary>
public sealed class OnnxClassifierEngine : IClassifierEngine
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly SequenceInputs _inputs;
    private readonly string _tokensName;

    /// <param name="model">The ONNX model's bytes.</param>
    /// <param name="inputs">The tokenizer the model was trained with (pads the batches).</param>
    /// <param name="source">Where the model came from, for error messages.</param>
    public OnnxClassifierEngine(byte[] model, SequenceInputs inputs, string source)
    {
        _inputs = inputs;
        _session = OnnxSessions.Open(model, source);
        _tokensName = _session.InputMetadata.ContainsKey(ClassifierOnnxExport.IdsInput) ? ClassifierOnnxExport.IdsInput : ClassifierOnnxExport.VectorsInput;
        foreach (var name in new[] { _tokensName, ClassifierOnnxExport.MaskInput })
            if (!_session.InputMetadata.ContainsKey(name))
                throw new InvalidDataException($"{source} is not a sequence classifier graph: no input '{name}' (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
        if (!_session.OutputMetadata.ContainsKey(ClassifierOnnxExport.ProbabilitiesOutput))
            throw new InvalidDataException($"{source} has no output '{ClassifierOnnxExport.ProbabilitiesOutput}'");
    }

    public InferenceEngine Kind => InferenceEngine.Onnx;

    public float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows)
    {
        long[] shape;
        float[]? vectors = null;
        long[]? ids = null;
        long[] mask;
        using (var scope = torch.NewDisposeScope())
        {
            var batch = _inputs.Batch(rows).Input;
            shape = batch.AttentionMask.shape;                                                     // (B, T)
            mask = batch.AttentionMask.to(ScalarType.Int64).ToArray<long>();
            if (batch.InputIds is { } t) ids = t.ToArray<long>();                                 // (B, T)
            else vectors = batch.InputVectors!.ToArray<float>();                                   // (B, T, D)
        }
        using var tokens = ids is not null
            ? OrtValue.CreateTensorValueFromMemory(ids, shape)
            : OrtValue.CreateTensorValueFromMemory(vectors!, [shape[0], shape[1], vectors!.Length / (shape[0] * shape[1])]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var outputs = _session.Run(_runOptions, [_tokensName, ClassifierOnnxExport.MaskInput], [tokens, maskValue], [ClassifierOnnxExport.ProbabilitiesOutput]);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>();                              // (B, classes)
        int classes = probabilities.Length / rows.Count;
        var result = new float[rows.Count][];
        for (int i = 0; i < rows.Count; i++) result[i] = probabilities.Slice(i * classes, classes).ToArray();
        return result;
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        OnnxSessions.Close(_session);
    }
}
