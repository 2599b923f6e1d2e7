using VqDna.Models.Baselines;

namespace VqDna.Inference;

/// <summary>
/// The convolutional baseline (`vqdna baseline --kind cnn`) as a predictor, on the CPU, as it was trained. A record is
/// one-hot encoded whole, so its memory is its length times <see cref="BytesPerNucleotide"/>.
/// </summary>
public sealed class CnnBaselineClassifier(OneHotCnn model) : IClassifierModel, IDisposable
{
    /// <summary>The network, in eval mode.</summary>
    public OneHotCnn Model { get; } = model;

    /// <inheritdoc/>
    public string Description => "the cnn baseline";

    /// <summary>
    /// An upper estimate in float32: the one-hot input (4 channels, and its managed copy), the first block's convolution
    /// and ReLU (C channels each at full length), the pooled and masked map, the second convolution and ReLU (C each at
    /// length / p) and the last pool (C at length / p²).
    /// </summary>
    public long BytesPerNucleotide
    {
        get
        {
            var c = Model.Config;
            double floats = 2.0 * OneHotBatch.Channels + 2.0 * c.Channels + 4.0 * c.Channels / c.PoolSize + (double)c.Channels / (c.PoolSize * c.PoolSize);
            return (long)Math.Ceiling(floats * sizeof(float));
        }
    }

    /// <inheritdoc/>
    public float[][] Probabilities(IReadOnlyList<string> sequences, int batchSize) => Model.Probabilities(sequences, batchSize);

    /// <summary>Frees the network.</summary>
    public void Dispose() => Model.Dispose();
}
