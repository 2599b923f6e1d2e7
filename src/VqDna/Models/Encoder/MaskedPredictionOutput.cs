using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>
/// Masked-modeling results at the labelled positions only (<see cref="DnaForMaskedModeling.PredictMasked"/>);
/// the caller owns and disposes the tensors.
/// </summary>
/// <param name="Loss">Scalar: Σ over heads of the mean cross-entropy, equal to <see cref="MaskedModelingOutput.Loss"/>.</param>
/// <param name="Logits">Per head, (N_i, OutputVocab[i]) at the N_i labelled positions, in row-major (b, t) order.</param>
/// <param name="Labels">Per head, (N_i) int64 targets at the same positions (e.g. for masked accuracy).</param>
public sealed record MaskedPredictionOutput(Tensor Loss, IReadOnlyList<Tensor> Logits, IReadOnlyList<Tensor> Labels) : IDisposable
{
    /// <summary>Frees the logits and the loss.</summary>
    public void Dispose()
    {
        Loss.Dispose();
        foreach (var l in Logits) l.Dispose();
        foreach (var l in Labels) l.Dispose();
    }
}
