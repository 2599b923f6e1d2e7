using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.Devices;

/// <summary>A fact about libtorch's own scaled_dot_product_attention: skipped, saying why, where the build has none (Debian's 1.13, CI).</summary>
public sealed class FusedAttentionFactAttribute : FactAttribute
{
    public FusedAttentionFactAttribute()
    {
        if (!F.has_fused_attention) Skip = $"libtorch {torch.libtorch_version} has no scaled_dot_product_attention (2.0 and later do)";
    }
}
