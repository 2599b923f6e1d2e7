namespace VqDna.Torch.NN;

/// <summary>
/// torch.nn.BatchNorm1d(features, affine=False) on (B, features) inputs: in training, each feature standardised with the
/// batch's mean and biased variance, and the running estimates moved toward them (momentum, unbiased variance, as
/// PyTorch); in eval, standardised with the running estimates. The same buffers and names as PyTorch's
/// (running_mean, running_var, num_batches_tracked), so a state dict moves between the two. No learned scale or shift: the
/// layer it feeds has its own weights. Statistics are taken in float32 whatever the input's type (under bf16 a feature's
/// spread across rows can be below bf16's resolution of its mean), and the output has the input's type.
/// </summary>
public sealed class BatchNorm1d : Module<Tensor, Tensor>
{
    /// <summary>A layer over <paramref name="num_features"/> features (running mean 0, running variance 1 at start).</summary>
    public BatchNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1)
    {
        if (num_features < 1) throw new ArgumentOutOfRangeException(nameof(num_features), num_features, "must be positive");
        if (!(momentum > 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "must be in (0, 1]");
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        running_mean = RegisterBuffer("running_mean", torch.zeros([num_features], null));
        running_var = RegisterBuffer("running_var", torch.ones([num_features], null));
        num_batches_tracked = RegisterBuffer("num_batches_tracked", torch.zeros([], ScalarType.Int64));
    }

    /// <summary>Features per row.</summary>
    public long num_features { get; }
    /// <summary>Added to the variance before the square root.</summary>
    public double eps { get; }
    /// <summary>The weight of each new batch in the running estimates.</summary>
    public double momentum { get; }
    /// <summary>The running mean of each feature (float32).</summary>
    public Tensor running_mean { get; }
    /// <summary>The running unbiased variance of each feature (float32).</summary>
    public Tensor running_var { get; }
    /// <summary>Training batches folded into the running estimates (int64 scalar).</summary>
    public Tensor num_batches_tracked { get; }

    /// <summary>
    /// (B, F) → (B, F) standardised. A training batch of one row has no spread to standardise by (PyTorch refuses it): it is
    /// standardised with the running estimates, which it leaves unchanged.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        if (input.dim() != 2 || input.size(1) != num_features)
            throw new ArgumentException($"BatchNorm1d({num_features}) expects (batch, {num_features}), got [{string.Join(", ", input.shape)}]", nameof(input));
        using var x = input.to(ScalarType.Float32);
        long rows = x.size(0);
        Tensor mean, variance;
        if (training && rows > 1)
        {
            mean = x.mean(0);
            variance = x.var([0], correction: 0);
            using var noGrad = torch.no_grad();
            using var unbiased = variance.mul(rows / (double)(rows - 1));
            running_mean.lerp_(mean, momentum);
            running_var.lerp_(unbiased, momentum);
            num_batches_tracked.add_(1);
        }
        else
        {
            mean = running_mean.alias();
            variance = running_var.alias();
        }
        using (mean)
        using (variance)
        {
            using var centred = x.sub(mean);
            using var scale = variance.add(eps).rsqrt();
            using var standardised = centred.mul(scale);
            return standardised.to(input.dtype);
        }
    }
}
