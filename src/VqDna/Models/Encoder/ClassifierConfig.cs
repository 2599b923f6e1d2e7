namespace VqDna.Models.Encoder;

/// <summary>The sequence-classification head; saved in config.json beside the encoder's config.</summary>
/// <param name="NumLabels">Number of classes (at least 2).</param>
/// <param name="Probe">True: a plain Linear on the pooled output (linear probe); false: RoBERTa's head
/// dropout → dense (P → D, P the pooled width) → tanh → dropout → out_proj (D → classes).</param>
/// <param name="Dropout">Dropout of the non-probe head (RoBERTa: the hidden dropout, 0.1).</param>
/// <param name="Pooling">How the hidden states become the head's input (the mean unless told otherwise).</param>
/// <param name="PooledBatchNorm">True: the pooled vector is standardised per feature by a BatchNorm1d (affine=False) before the
/// head (batch statistics in training, running ones after). Off by default; a config.json written before the setting
/// existed reads false, what it ran.</param>
public sealed record ClassifierConfig(int NumLabels, bool Probe = false, double Dropout = 0.1, SequencePooling Pooling = SequencePooling.Mean,
    bool PooledBatchNorm = false)
{
    /// <summary>Checks the label count and dropout; returns this, or throws naming the setting.</summary>
    public ClassifierConfig Validate()
    {
        if (NumLabels < 2) throw new ArgumentOutOfRangeException(nameof(NumLabels), NumLabels, "a classifier needs at least 2 labels");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        if (!Enum.IsDefined(Pooling)) throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "must be mean, max or mean-max");
        return this;
    }
}
