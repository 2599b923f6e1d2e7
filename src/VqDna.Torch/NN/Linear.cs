namespace VqDna.Torch.NN;

/// <summary>y = x Wᵀ + b, weight (out_features, in_features), initialised as torch.nn.Linear.</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>
    /// Creates the layer with PyTorch's initialisation (kaiming-uniform weight, a = √5; bias uniform in ±1/√in_features).
    /// </summary>
    public Linear(long in_features, long out_features, bool bias = true)
    {
        if (in_features < 1 || out_features < 1)
            throw new ArgumentOutOfRangeException(nameof(in_features), $"Linear({in_features}, {out_features}): sizes must be positive");
        weight = RegisterParameter("weight", Init.kaiming_uniform_(torch.empty([out_features, in_features]), Math.Sqrt(5)));
        if (bias)
        {
            double bound = 1 / Math.Sqrt(in_features);
            this.bias = RegisterParameter("bias", Init.uniform_(torch.empty([out_features]), -bound, bound));
        }
    }

    /// <summary>W, (out_features, in_features).</summary>
    public Tensor weight { get; }
    /// <summary>b, (out_features), or null without bias.</summary>
    public Tensor? bias { get; }

    /// <summary>x Wᵀ + b over the last dimension of <paramref name="input"/> (torch.nn.functional.linear).</summary>
    public override Tensor Forward(Tensor input) => F.linear(input, weight, bias);
}
