using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>
/// The classifier's forward on libtorch, without gradient: the encoder over context-sized chunks, at most
/// <see cref="ChunkBatch"/> at a time (<see cref="ChunkPooling"/>, as the ONNX engine), then the head and a softmax.
/// Same pooling as <see cref="SequenceClassifier.Logits"/>, which training uses.
/// </summary>
public sealed class TorchClassifierEngine(SequenceClassifier classifier) : IClassifierEngine
{
    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Torch;

    /// <summary>Most chunks in one encoder pass.</summary>
    public int ChunkBatch { get; init; } = ChunkPooling.DefaultChunkBatch;

    /// <inheritdoc/>
    public float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows)
    {
        using var noGrad = torch.no_grad();
        var model = classifier.Model;
        int width = model.PooledWidth;
        var pooled = ChunkPooling.Pool(rows, model.Config.MaxLength, ChunkBatch, width, chunks =>
        {
            using var scope = torch.NewDisposeScope();
            return model.Pool(classifier.Inputs.Batch(chunks).Input).to(ScalarType.Float32).ToArray<float>();   // (n, P); bfloat16 under autocast
        }, model.Classifier.Pooling);
        using var scope = torch.NewDisposeScope();
        var probabilities = model.Head(torch.tensor(pooled, [rows.Count, width], device: classifier.Inputs.Device)).to(ScalarType.Float32).softmax(-1).ToArray<float>();   // (B, classes)
        int classes = probabilities.Length / rows.Count;
        return Enumerable.Range(0, rows.Count).Select(i => probabilities.AsSpan(i * classes, classes).ToArray()).ToArray();
    }

    /// <summary>The model belongs to the classifier.</summary>
    public void Dispose() { }
}
