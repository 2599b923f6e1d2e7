namespace VqDna.Models.Encoder;

/// <summary>
/// How a classifier turns a sequence's hidden states into the one vector its head reads. Written in the head's config
/// (config.json, "pooling"); folders written before the setting existed read <see cref="Mean"/>.
/// </summary>
public enum SequencePooling
{
    /// <summary>The mean over the real tokens (DNABERT-2's and the paper's): every position weighs the same, what
    /// composition tasks need. A chunked input averages its chunks' means weighted by their token counts.</summary>
    Mean,
    /// <summary>The largest value of each feature over the real tokens (the CNN baseline's global max pool): one
    /// position can decide, as a planted motif should. A chunked input takes the largest over its chunks.</summary>
    Max,
    /// <summary>The mean and the maximum side by side, 2·D features (ULMFiT's concat pooling, Howard &amp; Ruder 2018):
    /// the head weighs composition and the strongest single position itself, where the other two choose one for it.
    /// Each half is combined over chunks as its own pooling is.</summary>
    MeanMax,
}

/// <summary>The pooled vector's layout: one or two reductions of the hidden states, each as wide as the encoder.</summary>
public static class SequencePoolingLayout
{
    private static readonly SequencePooling[] MeanOnly = [SequencePooling.Mean], MaxOnly = [SequencePooling.Max], Both = [SequencePooling.Mean, SequencePooling.Max];

    /// <summary>The reductions laid side by side in the pooled vector, each <c>D</c> wide, in order: <see cref="SequencePooling.Mean"/> or <see cref="SequencePooling.Max"/>.</summary>
    public static IReadOnlyList<SequencePooling> Parts(this SequencePooling pooling) => pooling switch
    {
        SequencePooling.Mean => MeanOnly,
        SequencePooling.Max => MaxOnly,
        SequencePooling.MeanMax => Both,
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "unknown pooling"),
    };

    /// <summary>The pooled vector's width for an encoder <paramref name="width"/> wide: what the head reads.</summary>
    public static int PooledWidth(this SequencePooling pooling, int width) => pooling.Parts().Count * width;

    /// <summary>The command line's and config.json's spelling: "mean", "max", "mean-max".</summary>
    public static string Name(this SequencePooling pooling) => pooling switch
    {
        SequencePooling.MeanMax => "mean-max",
        _ => pooling.ToString().ToLowerInvariant(),
    };
}
