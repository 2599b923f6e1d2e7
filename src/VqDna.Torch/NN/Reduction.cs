namespace VqDna.Torch.NN;

/// <summary>How a loss reduces over elements (at::Reduction codes).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
