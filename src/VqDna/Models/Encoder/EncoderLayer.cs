using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// One pre-LN Transformer block: x + Dropout(Attention(LN(x))), then x + Dropout(MLP(LN(x))). Pre-LN (as
/// GPT-2 and nanoGPT, not BERT's post-LN) trains stably without a long warm-up; the encoder ends with a
/// final LayerNorm because the residual stream is never normalised otherwise.
/// </summary>
public sealed class EncoderLayer : Module
{
    /// <summary>Builds one block of the encoder described by <paramref name="config"/>.</summary>
    public EncoderLayer(EncoderConfig config)
    {
        attention_norm = RegisterModule("attention_norm", new LayerNorm(config.Width, config.LayerNormEps));
        attention = RegisterModule("attention", new SelfAttention(config.Width, config.Heads, config.AttentionDropout));
        mlp_norm = RegisterModule("mlp_norm", new LayerNorm(config.Width, config.LayerNormEps));
        mlp = RegisterModule("mlp", new FeedForward(config.Width, config.FeedForwardSize));
        dropout = RegisterModule("dropout", new Dropout(config.Dropout));
    }

    /// <summary>The LayerNorm before attention.</summary>
    public LayerNorm attention_norm { get; }
    /// <summary>The multi-head self-attention.</summary>
    public SelfAttention attention { get; }
    /// <summary>The LayerNorm before the MLP.</summary>
    public LayerNorm mlp_norm { get; }
    /// <summary>The GELU MLP.</summary>
    public FeedForward mlp { get; }
    /// <summary>Dropout on each sub-block's output before its residual sum.</summary>
    public Dropout dropout { get; }

    /// <summary>x (B, T, D); bias (B, H, T, T) additive attention bias.</summary>
    public Tensor Forward(Tensor x, Tensor bias)
    {
        using var normed1 = attention_norm.Forward(x);
        using var attended = attention.Forward(normed1, bias);
        using var dropped1 = dropout.Forward(attended);
        using var h = x + dropped1;                                  // x + Attn(LN(x))
        using var normed2 = mlp_norm.Forward(h);
        using var transformed = mlp.Forward(normed2);
        using var dropped2 = dropout.Forward(transformed);
        return h + dropped2;                                         // h + MLP(LN(h))
    }
}
