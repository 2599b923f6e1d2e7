namespace VqDna.Torch.NN;

/// <summary>Normalises over the last dimensions, then scales and shifts (weight 1, bias 0 at start).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] shape;

    /// <summary>Normalises over the last dimension, of size <paramref name="normalized_shape"/>.</summary>
    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
        : this([normalized_shape], eps, elementwise_affine) { }

    /// <summary>
    /// Normalises over the trailing dimensions <paramref name="normalized_shape"/>; with <paramref name="elementwise_affine"/>, a learned
    /// weight and bias of that shape.
    /// </summary>
    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
    {
        shape = normalized_shape;
        this.eps = eps;
        if (elementwise_affine)
        {
            weight = RegisterParameter("weight", torch.ones(normalized_shape, null));
            bias = RegisterParameter("bias", torch.zeros(normalized_shape, null));
        }
    }

    /// <summary>The trailing dimensions normalised over.</summary>
    public IReadOnlyList<long> normalized_shape => shape;

    /// <summary>Added to the variance before the square root.</summary>
    public double eps { get; }

    /// <summary>The learned scale, or null without elementwise affine.</summary>
    public Tensor? weight { get; }
    /// <summary>The learned shift, or null without elementwise affine.</summary>
    public Tensor? bias { get; }

    /// <summary>(x − mean) / √(var + eps) over the trailing dimensions, then × weight + bias (torch.nn.functional.layer_norm).</summary>
    public override Tensor Forward(Tensor input) => F.layer_norm(input, shape, weight, bias, eps);
}
