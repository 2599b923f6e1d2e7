namespace VqDna.Torch.NN;

/// <summary>Dropout with probability p in training mode; identity in eval mode.</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    /// <summary>Probability of zeroing an element, in [0, 1].</summary>
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");

    /// <summary>
    /// In training mode, zeroes each element with probability <see cref="p"/> and scales the rest by 1/(1 − p); otherwise returns an alias
    /// of the input.
    /// </summary>
    public override Tensor Forward(Tensor input) =>
        training && p > 0 ? F.dropout(input, p, true) : input.alias();
}
