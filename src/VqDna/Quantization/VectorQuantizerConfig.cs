namespace VqDna.Quantization;

/// <summary>Settings of one vector quantizer (van den Oord et al., 2017, "Neural Discrete Representation Learning").</summary>
/// <param name="CodebookSize">K, the number of codes.</param>
/// <param name="CodeDim">Dimension of each code (and of the vectors quantized).</param>
/// <param name="Beta">Commitment weight: loss += Beta · ‖z − sg(e)‖² (VQDNA uses 0.5).</param>
/// <param name="Decay">EMA decay of code counts and sums (the codebook learns by EMA, not by gradient).</param>
/// <param name="Epsilon">Laplace smoothing of the EMA counts, so no code divides by zero.</param>
/// <param name="DeadCodeThreshold">A code whose EMA count falls below this is reset to a random encoder output of the batch (0 disables).</param>
/// <param name="KMeansInit">Initialise the codebook by k-means++ seeding plus Lloyd iterations on the first training batch.</param>
/// <param name="Cosine">Compare L2-normalised vectors and codes (cosine similarity) instead of raw L2 distance.</param>
/// <param name="LookupDim">When positive, look codes up in a learned projection to this many dimensions and map the
/// chosen code back (factorized codes, Yu et al. 2022, ViT-VQGAN): lookups are cheaper and codes tend to be used more evenly.</param>
public sealed record VectorQuantizerConfig(
    int CodebookSize = 512,
    int CodeDim = 384,
    double Beta = 0.5,
    double Decay = 0.99,
    double Epsilon = 1e-5,
    double DeadCodeThreshold = 1e-3,
    bool KMeansInit = true,
    bool Cosine = false,
    int LookupDim = 0)
{
    /// <summary>Dimension of the space codes live in: LookupDim when projecting, else CodeDim.</summary>
    public int SpaceDim => LookupDim > 0 ? LookupDim : CodeDim;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public VectorQuantizerConfig Validate()
    {
        if (CodebookSize < 2) throw new ArgumentOutOfRangeException(nameof(CodebookSize), CodebookSize, "need at least 2 codes");
        if (CodeDim < 1) throw new ArgumentOutOfRangeException(nameof(CodeDim), CodeDim, "must be positive");
        if (Beta < 0) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "must be non-negative");
        if (Decay is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Decay), Decay, "must be in (0, 1)");
        if (Epsilon <= 0) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "must be positive");
        if (LookupDim < 0 || LookupDim > CodeDim) throw new ArgumentOutOfRangeException(nameof(LookupDim), LookupDim, $"must be in [0, CodeDim = {CodeDim}]");
        if (DeadCodeThreshold < 0) throw new ArgumentOutOfRangeException(nameof(DeadCodeThreshold), DeadCodeThreshold, "must be non-negative");
        return this;
    }
}
