namespace VqDna.Torch.NN;

/// <summary>Normalises over the last dimensions, then scales and shifts (weight 1, bias 0 at start).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] shape;

    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
        : this([normalized_shape], eps, elementwise_affine) { }

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

    public Tensor? weight { get; }
    public Tensor? bias { get; }

    public override Tensor Forward(Tensor input) => F.layer_norm(input, shape, weight, bias, eps);
}
