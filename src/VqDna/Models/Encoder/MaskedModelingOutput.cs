using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>Masked-modeling results; the caller owns and disposes the tensors.</summary>
/// <param name="Loss">Scalar: the sum over heads of each head's mean cross-entropy over labelled positions; null without labels.</param>
/// <param name="Logits">One (B, T, OutputVocab[i]) tensor per head.</param>
/// <param name="HiddenStates">(B, T, D) encoder output.</param>
public sealed record MaskedModelingOutput(Tensor? Loss, IReadOnlyList<Tensor> Logits, Tensor HiddenStates) : IDisposable
{
    /// <summary>Frees the logits and the loss.</summary>
    public void Dispose()
    {
        Loss?.Dispose();
        foreach (var l in Logits) l.Dispose();
        HiddenStates.Dispose();
    }
}
