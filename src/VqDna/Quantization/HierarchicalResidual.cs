using VqDna.Torch;

namespace VqDna.Quantization;

/// <summary>
/// The two equations of Hierarchical Residual Quantization (VQDNA, section 3.3). Unlike residual
/// quantization, which adds the previous code, HRQ subtracts it from twice the deeper feature.
/// </summary>
public static class HierarchicalResidual
{
    /// <summary>H(1) = Z(1); H(n) = 2·Z(n) − e(M(n−1)).</summary>
    public static Tensor LevelInput(Tensor z, Tensor? previousCode) =>
        previousCode is null ? z.alias() : z * 2.0 - previousCode;

    /// <summary>The tokenizer embedding: the mean of the levels' quantized vectors.</summary>
    public static Tensor Embedding(IReadOnlyList<Tensor> levels)
    {
        if (levels.Count == 0) throw new ArgumentException("need at least one level", nameof(levels));
        using var stacked = torch.stack(levels, 0);
        return stacked.mean(0);
    }
}
