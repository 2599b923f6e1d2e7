using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.Devices;

/// <summary>
/// F.scaled_dot_product_attention hands (B, H, T, D) inputs to libtorch's fused kernels where it has them (2.x) and
/// composes the attention itself otherwise (Debian's 1.13): the two agree, with an ALiBi-like float bias and −∞ at a
/// padded key, forward and backward (issue 18).
/// </summary>
public sealed class FusedAttentionTests
{
    [Fact]
    public void TheFusedKernelsAreThereExactlyFromLibtorch2()
    {
        int major = int.Parse(torch.libtorch_version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(major >= 2, F.has_fused_attention);
    }

    [Fact]
    public void WithoutThemTheAttentionIsTheComposedOneBitForBit()
    {
        using var scope = torch.NewDisposeScope();
        var (q, k, v, bias) = Inputs(Device.CPU);
        var composed = F.ComposedAttention(q, k, v, attn_mask: bias, training: false);
        var used = F.scaled_dot_product_attention(q, k, v, attn_mask: bias, training: false);
        if (F.has_fused_attention) Assert.True(used.allclose(composed, rtol: 1e-5, atol: 1e-6));
        else Assert.Equal(composed.ToArray<float>(), used.ToArray<float>());
    }

    [FusedAttentionFact]
    public void TheFusedKernelsMatchTheComposedAttentionForwardAndBackward()
    {
        foreach (var device in torch.cuda.is_available() ? new[] { Device.CPU, Device.CUDA } : [Device.CPU])
        {
            using var scope = torch.NewDisposeScope();
            var (q, k, v, bias) = Inputs(device);
            foreach (var t in new[] { q, k, v }) t.requires_grad = true;
            var fused = F.scaled_dot_product_attention(q, k, v, attn_mask: bias, training: false);
            fused.sum().backward();
            var fusedGrads = new[] { q, k, v }.Select(t => t.grad!.cpu()).ToList();
            foreach (var t in new[] { q, k, v }) t.grad = null;
            var composed = F.ComposedAttention(q, k, v, attn_mask: bias, training: false);
            composed.sum().backward();
            Assert.True(fused.cpu().allclose(composed.cpu(), rtol: 1e-4, atol: 1e-5), $"forward differs on {device}");
            for (int i = 0; i < 3; i++)
                Assert.True(fusedGrads[i].allclose(new[] { q, k, v }[i].grad!.cpu(), rtol: 1e-4, atol: 1e-5), $"gradient {i} differs on {device}");
        }
    }

    /// <summary>(B 2, H 2, T 5, D 8) queries, keys and values; a (B, H, T, T) bias: −slope·|i − j| per head, −∞ at row 1's last key.</summary>
    private static (Tensor Q, Tensor K, Tensor V, Tensor Bias) Inputs(Device device)
    {
        torch.manual_seed(7);
        var q = torch.randn([2, 2, 5, 8]).to(device);
        var k = torch.randn([2, 2, 5, 8]).to(device);
        var v = torch.randn([2, 2, 5, 8]).to(device);
        var bias = new float[2 * 2 * 5 * 5];
        for (int b = 0; b < 2; b++)
            for (int h = 0; h < 2; h++)
                for (int i = 0; i < 5; i++)
                    for (int j = 0; j < 5; j++)
                        bias[((b * 2 + h) * 5 + i) * 5 + j] = b == 1 && j == 4 ? float.NegativeInfinity : -(0.5f / (h + 1)) * Math.Abs(i - j);
        return (q, k, v, torch.tensor(bias, [2, 2, 5, 5], device: device));
    }
}
