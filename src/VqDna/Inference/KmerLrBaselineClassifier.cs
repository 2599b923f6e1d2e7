using VqDna.Models.Baselines;

namespace VqDna.Inference;

/// <summary>
/// The k-mer baseline (`vqdna baseline --kind kmer-lr`) as a predictor: a record's 4^k frequencies are counted in one
/// pass over its bases, so memory does not grow with its length.
/// </summary>
public sealed class KmerLrBaselineClassifier(KmerLogisticRegression model) : IClassifierModel
{
    /// <summary>The fitted regression.</summary>
    public KmerLogisticRegression Model { get; } = model;

    /// <inheritdoc/>
    public string Description => $"the kmer-lr baseline (k {Model.K})";

    /// <summary>Nothing beyond the record itself: the features are counts.</summary>
    public long BytesPerNucleotide => 0;

    /// <inheritdoc/>
    public float[][] Probabilities(IReadOnlyList<string> sequences, int batchSize) => Model.Probabilities(sequences);
}
