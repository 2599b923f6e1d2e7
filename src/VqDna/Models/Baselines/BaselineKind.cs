namespace VqDna.Models.Baselines;

/// <summary>The classical baselines every model score is printed beside.</summary>
public enum BaselineKind
{
    /// <summary>Overlapping k-mer frequencies into multinomial logistic regression (k and weight decay chosen on dev).</summary>
    KmerLr,

    /// <summary>One-hot bases into a two-block convolutional network, early-stopped on dev.</summary>
    Cnn,
}
