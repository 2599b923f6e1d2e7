using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>What the encoder returns; the caller owns and disposes both tensors.</summary>
/// <param name="HiddenStates">(B, T, D) after the final LayerNorm (padding positions hold values that mean nothing).</param>
/// <param name="Pooled">(B, D) mean of <paramref name="HiddenStates"/> over the non-padding positions.</param>
public sealed record EncoderOutput(Tensor HiddenStates, Tensor Pooled) : IDisposable
{
    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        HiddenStates.Dispose();
        Pooled.Dispose();
    }
}
