namespace VqDna.Torch.NN;

/// <summary>
/// One Transformer encoder block, batch-first, as torch.nn.TransformerEncoderLayer with the same
/// sub-module names. Pre-LN by default (norm_first: x + SA(LN(x)), then x + FF(LN(x))), which trains
/// stably without warm-up tricks; GELU activation.
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    private readonly bool normFirst;

    /// <summary>
    /// Creates the block: self-attention with <paramref name="nhead"/> heads over width <paramref name="d_model"/>, a feed-forward of width
    /// <paramref name="dim_feedforward"/>, pre-LN unless <paramref name="norm_first"/> is false.
    /// </summary>
    public TransformerEncoderLayer(long d_model, long nhead, long dim_feedforward = 2048, double dropout = 0.1,
        double layer_norm_eps = 1e-5, bool norm_first = true)
    {
        normFirst = norm_first;
        self_attn = RegisterModule("self_attn", new MultiheadAttention(d_model, nhead, dropout));
        linear1 = RegisterModule("linear1", new Linear(d_model, dim_feedforward));
        this.dropout = RegisterModule("dropout", new Dropout(dropout));
        linear2 = RegisterModule("linear2", new Linear(dim_feedforward, d_model));
        norm1 = RegisterModule("norm1", new LayerNorm(d_model, layer_norm_eps));
        norm2 = RegisterModule("norm2", new LayerNorm(d_model, layer_norm_eps));
        dropout1 = RegisterModule("dropout1", new Dropout(dropout));
        dropout2 = RegisterModule("dropout2", new Dropout(dropout));
    }

    /// <summary>The self-attention.</summary>
    public MultiheadAttention self_attn { get; }
    /// <summary>The feed-forward's expansion, d_model → dim_feedforward.</summary>
    public Linear linear1 { get; }
    /// <summary>Dropout after the feed-forward's GELU.</summary>
    public Dropout dropout { get; }
    /// <summary>The feed-forward's projection back, dim_feedforward → d_model.</summary>
    public Linear linear2 { get; }
    /// <summary>The layer norm of the attention sub-block.</summary>
    public LayerNorm norm1 { get; }
    /// <summary>The layer norm of the feed-forward sub-block.</summary>
    public LayerNorm norm2 { get; }
    /// <summary>Dropout on the attention output before the residual sum.</summary>
    public Dropout dropout1 { get; }
    /// <summary>Dropout on the feed-forward output before the residual sum.</summary>
    public Dropout dropout2 { get; }

    /// <summary>src (B, T, E); src_key_padding_mask (B, T) true at padding.</summary>
    public Tensor Forward(Tensor src, Tensor? src_key_padding_mask = null)
    {
        if (normFirst)
        {
            using var n1 = norm1.Forward(src);
            using var sa = SelfAttentionBlock(n1, src_key_padding_mask);
            using var x = src + sa;
            using var n2 = norm2.Forward(x);
            using var ff = FeedForwardBlock(n2);
            return x + ff;
        }
        else
        {
            using var sa = SelfAttentionBlock(src, src_key_padding_mask);
            using var sum1 = src + sa;
            using var x = norm1.Forward(sum1);
            using var ff = FeedForwardBlock(x);
            using var sum2 = x + ff;
            return norm2.Forward(sum2);
        }
    }

    private Tensor SelfAttentionBlock(Tensor x, Tensor? keyPaddingMask)
    {
        using var attended = self_attn.Forward(x, keyPaddingMask);
        return dropout1.Forward(attended);
    }

    private Tensor FeedForwardBlock(Tensor x)
    {
        using var hidden = linear1.Forward(x);
        using var activated = F.gelu(hidden);
        using var dropped = dropout.Forward(activated);
        using var projected = linear2.Forward(dropped);
        return dropout2.Forward(projected);
    }
}
