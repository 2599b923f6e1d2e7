using VqDna.Torch;

namespace VqDna.Quantization;

/// <summary>What a quantizer returns for a batch of vectors (N, D).</summary>
/// <param name="Quantized">The chosen codes with the straight-through gradient: z + sg(e − z), (N, D).</param>
/// <param name="Codes">The raw chosen code vectors e, without gradient, (N, D).</param>
/// <param name="Indices">Chosen code per vector, int64 (N).</param>
/// <param name="CommitmentLoss">‖z − sg(e)‖² averaged over elements, a scalar (not yet weighted by beta).</param>
/// <param name="Usage">Code usage in this batch.</param>
public sealed record QuantizerOutput(Tensor Quantized, Tensor Codes, Tensor Indices, Tensor CommitmentLoss, CodeUsage Usage);
