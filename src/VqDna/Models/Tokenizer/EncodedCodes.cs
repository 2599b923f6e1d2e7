using VqDna.Quantization;
using VqDna.Torch;

namespace VqDna.Models.Tokenizer;

/// <summary>The encoder's discrete result for a batch of sequences.</summary>
/// <param name="Indices">Chosen codes per level, each (B, L) int64; level 1 first (coarse to fine).</param>
/// <param name="Embedding">The tokenizer embedding: the mean of the levels' quantized vectors, (B, L, CodeDim), straight-through.</param>
/// <param name="CommitmentLoss">Σ over levels of ‖H(n) − sg(e)‖² (scalar, not yet weighted by beta).</param>
/// <param name="Usage">Codebook usage per level.</param>
public sealed record EncodedCodes(IReadOnlyList<Tensor> Indices, Tensor Embedding, Tensor CommitmentLoss, IReadOnlyList<CodeUsage> Usage);
