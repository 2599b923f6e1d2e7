namespace VqDna.Torch.NN;

/// <summary>
/// Multi-head self-attention over batch-first input (B, T, E), with the parameter names and
/// initialisation of torch.nn.MultiheadAttention (packed in_proj_weight (3E, E), out_proj), so
/// checkpoints move between the two unchanged.
/// </summary>
public sealed class MultiheadAttention : Module
{
    private readonly long embedDim, numHeads;
    private readonly double dropout;

    /// <summary>Creates the layer as PyTorch does: xavier-uniform in_proj_weight, zero biases.</summary>
    public MultiheadAttention(long embed_dim, long num_heads, double dropout = 0.0, bool bias = true)
    {
        if (num_heads < 1 || embed_dim % num_heads != 0)
            throw new ArgumentException($"embed_dim {embed_dim} must be divisible by num_heads {num_heads}");
        (embedDim, numHeads, this.dropout) = (embed_dim, num_heads, dropout);
        in_proj_weight = RegisterParameter("in_proj_weight", Init.xavier_uniform_(torch.empty([3 * embed_dim, embed_dim])));
        if (bias) in_proj_bias = RegisterParameter("in_proj_bias", torch.zeros([3 * embed_dim], null));
        out_proj = RegisterModule("out_proj", new Linear(embed_dim, embed_dim, bias));
        if (out_proj.bias is { } b) Init.zeros_(b);
    }

    /// <summary>Query, key and value projections packed in one matrix, (3E, E).</summary>
    public Tensor in_proj_weight { get; }
    /// <summary>Their biases packed, (3E), or null without bias.</summary>
    public Tensor? in_proj_bias { get; }
    /// <summary>The output projection, E → E.</summary>
    public Linear out_proj { get; }

    /// <summary>Self-attention of x (B, T, E); key_padding_mask (B, T) is true at padding.</summary>
    public Tensor Forward(Tensor x, Tensor? key_padding_mask = null)
    {
        long batch = x.size(0), length = x.size(1), headDim = embedDim / numHeads;
        using var qkv = F.linear(x, in_proj_weight, in_proj_bias);                  // (B, T, 3E)
        using var heads = qkv.view(batch, length, 3, numHeads, headDim).permute(2, 0, 3, 1, 4).contiguous(); // (3, B, H, T, D), one copy
        using var flat = heads.view(3, batch * numHeads, length, headDim);         // (3, B·H, T, D)
        var parts = flat.unbind(0);
        using var q = parts[0];
        using var k = parts[1];
        using var v = parts[2];
        using var attended = F.scaled_dot_product_attention(q, k, v, key_padding_mask, dropout, training); // (B·H, T, D)
        using var merged = attended.view(batch, numHeads, length, headDim).transpose(1, 2).reshape(batch, length, embedDim); // (B, T, E)
        return out_proj.Forward(merged);
    }
}
