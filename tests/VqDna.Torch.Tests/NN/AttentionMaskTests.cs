using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.NN;

/// <summary>scaled_dot_product_attention's additive attn_mask against the formula written out.</summary>
public sealed class AttentionMaskTests
{
    private static Tensor Reference(Tensor q, Tensor k, Tensor v, Tensor bias)
    {
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(q.size(-1)) + bias;
        return scores.softmax(-1).matmul(v);
    }

    [Fact]
    public void APerHeadBiasBroadcastsOverTheBatch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var q = torch.randn(2, 3, 5, 4);                       // (B, H, T, D)
        var k = torch.randn(2, 3, 6, 4);
        var v = torch.randn(2, 3, 6, 4);
        var bias = torch.randn(3, 5, 6);                       // (H, T, S)
        var actual = F.scaled_dot_product_attention(q, k, v, attn_mask: bias);
        Assert.True(actual.allclose(Reference(q, k, v, bias), rtol: 1e-5, atol: 1e-6));

        var full = torch.randn(2, 3, 5, 6);                    // (B, H, T, S)
        Assert.True(F.scaled_dot_product_attention(q, k, v, attn_mask: full).allclose(Reference(q, k, v, full), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TheBiasComposesWithTheKeyPaddingMask()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        var q = torch.randn(2, 2, 4, 3);
        var k = torch.randn(2, 2, 4, 3);
        var v = torch.randn(2, 2, 4, 3);
        var bias = torch.randn(1, 2, 4, 4);
        var padding = torch.tensor(new[] { false, false, false, false, false, false, true, true }, [2, 4]);
        var additive = torch.zeros(2, 1, 1, 4).masked_fill(padding.view(2, 1, 1, 4), double.NegativeInfinity);
        var actual = F.scaled_dot_product_attention(q, k, v, key_padding_mask: padding, attn_mask: bias);
        Assert.True(actual.allclose(Reference(q, k, v, bias + additive), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void ABiasOfTheWrongShapeIsAnError()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.randn(2, 3, 5, 4);
        var e = Assert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(q, q, q, attn_mask: torch.randn(4, 5, 5)));
        Assert.Contains("does not broadcast", e.Message);
        var boolean = Assert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(q, q, q, attn_mask: torch.ones([5, 5], ScalarType.Bool)));
        Assert.Contains("additive float", boolean.Message);
    }
}
