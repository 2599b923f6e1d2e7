using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>The classifier's forward on libtorch: <see cref="SequenceClassifier.Logits"/> and a softmax, without gradient.</summary>
public sealed class TorchClassifierEngine(SequenceClassifier classifier) : IClassifierEngine
{
    public InferenceEngine Kind => InferenceEngine.Torch;

    public float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var probabilities = classifier.Logits(rows).softmax(-1).ToArray<float>();           // (B, classes)
        int classes = probabilities.Length / rows.Count;
        return Enumerable.Range(0, rows.Count).Select(i => probabilities.AsSpan(i * classes, classes).ToArray()).ToArray();
    }

    /// <summary>The model belongs to the classifier.</summary>
    public void Dispose() { }
}
