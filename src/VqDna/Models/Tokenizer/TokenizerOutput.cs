using VqDna.Quantization;
using VqDna.Torch;

namespace VqDna.Models.Tokenizer;

/// <summary>A full forward pass: codes and the reconstruction.</summary>
/// <param name="Codes">The encoder's codes and embedding.</param>
/// <param name="Logits">Reconstruction logits over A, C, G, T, N, (B, L, 5).</param>
/// <param name="Loss">Cross-entropy of the reconstruction + beta · commitment.</param>
/// <param name="ReconstructionLoss">The cross-entropy part.</param>
public sealed record TokenizerOutput(EncodedCodes Codes, Tensor Logits, Tensor Loss, Tensor ReconstructionLoss);
