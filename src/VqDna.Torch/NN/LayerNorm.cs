namespace VqDna.Torch.NN;

/// <summary>Normalises over the last dimensions, then scales and shifts (weight 1, bias 0 at start).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] normalizedShape;
    private readonly double eps;

    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
        : this([normalized_shape], eps, elementwise_affine) { }

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
    {
        normalizedShape = normalized_shape;
        this.eps = eps;
        if (elementwise_affine)
        {
            weight = RegisterParameter("weight", torch.ones(normalized_shape, null));
            bias = RegisterParameter("bias", torch.zeros(normalized_shape, null));
        }
    }

    public Tensor? weight { get; }
    public Tensor? bias { get; }

    public override Tensor Forward(Tensor input) => F.layer_norm(input, normalizedShape, weight, bias, eps);
}
