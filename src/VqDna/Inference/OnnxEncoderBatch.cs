using Microsoft.ML.OnnxRuntime;
using VqDna.Inputs;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// Chunks padded by their tokenizer into the two ONNX Runtime inputs every exported encoder graph takes: the tokens
/// (int64 ids, or float code vectors) and the int64 attention mask, both (rows, tokens). Built once here for the
/// encoder and the classifier engines, so both feed ONNX Runtime exactly what libtorch's batch holds.
/// </summary>
internal sealed class OnnxEncoderBatch : IDisposable
{
    private OnnxEncoderBatch(long[] shape, OrtValue tokens, OrtValue mask) => (Shape, Tokens, Mask) = (shape, tokens, mask);

    /// <summary>(rows, tokens) of the padded batch.</summary>
    public long[] Shape { get; }

    /// <summary>input_ids (rows, tokens) or code_vectors (rows, tokens, dim).</summary>
    public OrtValue Tokens { get; }

    /// <summary>attention_mask (rows, tokens), 1 for real tokens.</summary>
    public OrtValue Mask { get; }

    public static OnnxEncoderBatch Of(SequenceInputs inputs, IReadOnlyList<TokenizedSequence> chunks)
    {
        long[] shape, mask;
        float[]? vectors = null;
        long[]? ids = null;
        using (var scope = torch.NewDisposeScope())
        {
            var batch = inputs.Batch(chunks).Input;
            shape = batch.AttentionMask.shape;                                                     // (n, c)
            mask = batch.AttentionMask.to(ScalarType.Int64).ToArray<long>();
            if (batch.InputIds is { } t) ids = t.ToArray<long>();                                 // (n, c)
            else vectors = batch.InputVectors!.ToArray<float>();                                   // (n, c, InputDim)
        }
        var tokens = ids is not null
            ? OrtValue.CreateTensorValueFromMemory(ids, shape)
            : OrtValue.CreateTensorValueFromMemory(vectors!, [shape[0], shape[1], vectors!.Length / (shape[0] * shape[1])]);
        return new OnnxEncoderBatch(shape, tokens, OrtValue.CreateTensorValueFromMemory(mask, shape));
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Mask.Dispose();
    }
}
