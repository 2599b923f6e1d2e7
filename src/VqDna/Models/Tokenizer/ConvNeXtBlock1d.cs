using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Tokenizer;

/// <summary>
/// A ConvNeXt block (Liu et al. 2022) in one dimension, on (B, L, C): depth-wise Conv1d (kernel 7) mixes
/// neighbouring positions, then LayerNorm, Linear C→4C, GELU, Linear 4C→C, and a residual connection.
/// </summary>
public sealed class ConvNeXtBlock1d : Module<Tensor, Tensor>
{
    /// <summary>
    /// A block over <paramref name="channels"/> channels: depth-wise kernel <paramref name="kernel"/>, MLP expanded
    /// <paramref name="expansion"/> times.
    /// </summary>
    public ConvNeXtBlock1d(int channels, int kernel, int expansion)
    {
        dwconv = RegisterModule("dwconv", new Conv1d(channels, channels, kernel, padding: kernel / 2, groups: channels));
        norm = RegisterModule("norm", new LayerNorm(channels, eps: 1e-6));
        pwconv1 = RegisterModule("pwconv1", new Linear(channels, (long)expansion * channels));
        pwconv2 = RegisterModule("pwconv2", new Linear((long)expansion * channels, channels));
    }

    /// <summary>The depth-wise convolution (one kernel per channel, same length out).</summary>
    public Conv1d dwconv { get; }
    /// <summary>The LayerNorm after the convolution.</summary>
    public LayerNorm norm { get; }
    /// <summary>The point-wise expansion C → expansion·C.</summary>
    public Linear pwconv1 { get; }
    /// <summary>The point-wise projection back, expansion·C → C.</summary>
    public Linear pwconv2 { get; }

    /// <summary>x (B, L, C) → (B, L, C).</summary>
    public override Tensor Forward(Tensor x)
    {
        using var channelsFirst = x.transpose(1, 2);                 // (B, C, L)
        using var mixed = dwconv.Forward(channelsFirst);
        using var channelsLast = mixed.transpose(1, 2);               // (B, L, C)
        using var normed = norm.Forward(channelsLast);
        using var hidden = pwconv1.Forward(normed);                   // (B, L, 4C)
        using var activated = F.gelu(hidden);
        using var projected = pwconv2.Forward(activated);             // (B, L, C)
        return x + projected;
    }
}
