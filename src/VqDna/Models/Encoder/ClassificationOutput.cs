using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>Sequence-classification results; the caller owns and disposes the tensors.</summary>
/// <param name="Loss">Scalar mean cross-entropy; null without labels.</param>
/// <param name="Logits">(B, NumLabels).</param>
/// <param name="Pooled">(B, D): the mean of the encoder's hidden states over non-padding positions.</param>
public sealed record ClassificationOutput(Tensor? Loss, Tensor Logits, Tensor Pooled) : IDisposable
{
    /// <summary>Frees the logits and the loss.</summary>
    public void Dispose()
    {
        Loss?.Dispose();
        Logits.Dispose();
        Pooled.Dispose();
    }
}
