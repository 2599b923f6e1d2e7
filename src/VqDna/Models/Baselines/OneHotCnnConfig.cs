namespace VqDna.Models.Baselines;

/// <summary>
/// The convolutional baseline's shape, after Genomic Benchmarks' reference CNN (Grešová et al., 2023): one-hot
/// bases, two convolution blocks, a global max pool, a linear classifier. Saved as config.json beside the weights.
/// </summary>
/// <param name="NumLabels">Number of classes (at least 2).</param>
/// <param name="Channels">Filters of each convolution.</param>
/// <param name="KernelSize">Width of each convolution in bases (odd, so "same" padding centres it).</param>
/// <param name="PoolSize">Non-overlapping max-pool width after each convolution.</param>
/// <param name="Dropout">Dropout before the classifier.</param>
public sealed record OneHotCnnConfig(int NumLabels, int Channels = 64, int KernelSize = 9, int PoolSize = 3, double Dropout = 0.2)
{
    /// <summary>The shortest input the two pooled blocks accept: one position must survive both pools.</summary>
    public int MinLength => PoolSize * PoolSize;

    /// <summary>Checks every setting is in range; returns this, or throws naming the setting.</summary>
    public OneHotCnnConfig Validate()
    {
        if (NumLabels < 2) throw new ArgumentOutOfRangeException(nameof(NumLabels), NumLabels, "a classifier needs at least 2 labels");
        if (Channels is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "must be in 1..4096");
        if (KernelSize < 1 || KernelSize % 2 == 0 || KernelSize > 255) throw new ArgumentOutOfRangeException(nameof(KernelSize), KernelSize, "must be odd, 1..255");
        if (PoolSize is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(PoolSize), PoolSize, "must be in 1..64");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        return this;
    }
}
