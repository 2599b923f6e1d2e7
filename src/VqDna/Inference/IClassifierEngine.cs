using VqDna.Inputs;
using VqDna.Models.Engines;

namespace VqDna.Inference;

/// <summary>
/// A fine-tuned classifier's forward for already tokenized sequences of any length: class probabilities out.
/// Inputs longer than the model's context are encoded in chunks whose pooled vectors are averaged by token
/// count, on both engines (libtorch: <see cref="SequenceClassifier.Logits"/>; ONNX: inside the exported graph).
/// </summary>
public interface IClassifierEngine : IDisposable
{
    /// <summary>Which engine this is.</summary>
    InferenceEngine Kind { get; }

    /// <summary>Probabilities (rows, classes), one array per row.</summary>
    float[][] Probabilities(IReadOnlyList<TokenizedSequence> rows);
}
