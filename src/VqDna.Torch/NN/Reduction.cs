namespace VqDna.Torch.NN;

/// <summary>How a loss reduces over elements (at::Reduction codes).</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss per element.</summary>
    None = 0,
    /// <summary>The mean over the elements that count.</summary>
    Mean = 1,
    /// <summary>The sum over elements.</summary>
    Sum = 2,
}
