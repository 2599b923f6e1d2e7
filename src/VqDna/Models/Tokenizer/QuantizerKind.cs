namespace VqDna.Models.Tokenizer;

/// <summary>How a learned tokenizer quantizes: one VQ-VAE codebook, or Hierarchical Residual Quantization.</summary>
public enum QuantizerKind
{
    /// <summary>One level (VQ-VAE).</summary>
    Vq,

    /// <summary>Two levels, coarse to fine (HRQ, the paper's default).</summary>
    Hrq,
}
