namespace VqDna.Torch.NN;

/// <summary>Dropout with probability p in training mode; identity in eval mode.</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");

    public override Tensor Forward(Tensor input) =>
        training && p > 0 ? F.dropout(input, p, true) : input.alias();
}
