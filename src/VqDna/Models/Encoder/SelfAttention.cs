using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// Multi-head self-attention with separate <c>query</c>, <c>key</c> and <c>value</c> projections and an
/// <c>output</c> projection, as Hugging Face BERT's attention.self.query/key/value. Separate layers (not a
/// fused Wqkv, as DNABERT-2 has) so that LoRA's usual target modules "query" and "value" exist. The
/// projections are read through <see cref="Module.GetModule{T}"/> so that LoRA can wrap them in place.
/// </summary>
public sealed class SelfAttention : Module
{
    private readonly int heads;
    private readonly double attentionDropout;

    /// <summary>
    /// Attention over <paramref name="width"/> features in <paramref name="heads"/> heads, with <paramref name="attentionDropout"/> on the
    /// attention weights.
    /// </summary>
    public SelfAttention(int width, int heads, double attentionDropout)
    {
        (this.heads, this.attentionDropout) = (heads, attentionDropout);
        RegisterModule("query", new Linear(width, width));
        RegisterModule("key", new Linear(width, width));
        RegisterModule("value", new Linear(width, width));
        RegisterModule("output", new Linear(width, width));
    }

    /// <summary>The query projection, or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> query => GetModule<Module<Tensor, Tensor>>("query");
    /// <summary>The key projection, or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> key => GetModule<Module<Tensor, Tensor>>("key");
    /// <summary>The value projection, or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> value => GetModule<Module<Tensor, Tensor>>("value");
    /// <summary>The output projection, or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> output => GetModule<Module<Tensor, Tensor>>("output");

    /// <summary>x (B, T, D); bias (B, H, T, T) additive: ALiBi plus −∞-like at padded keys.</summary>
    public Tensor Forward(Tensor x, Tensor bias)
    {
        long batch = x.size(0), length = x.size(1), width = x.size(2), headDim = width / heads;
        using var q = SplitHeads(query, x, batch, length, headDim);                             // (B, H, T, hd)
        using var k = SplitHeads(key, x, batch, length, headDim);
        using var v = SplitHeads(value, x, batch, length, headDim);
        using var attended = F.scaled_dot_product_attention(q, k, v, dropout_p: attentionDropout, training: training, attn_mask: bias);
        using var transposed = attended.transpose(1, 2);                                        // (B, T, H, hd)
        using var merged = transposed.reshape(batch, length, width);                            // (B, T, D)
        return output.Forward(merged);
    }

    private Tensor SplitHeads(Module<Tensor, Tensor> projection, Tensor x, long batch, long length, long headDim)
    {
        using var projected = projection.Forward(x);                                             // (B, T, D)
        using var split = projected.view(batch, length, heads, headDim);                         // (B, T, H, hd)
        using var transposed = split.transpose(1, 2);                                            // (B, H, T, hd)
        return transposed.contiguous();
    }
}
