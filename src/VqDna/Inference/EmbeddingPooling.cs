namespace VqDna.Inference;

/// <summary>How `vqdna embed` turns a sequence's per-token hidden states into one vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean over every real token (what a mean-pooled classification head reads), the usual choice.</summary>
    Mean,

    /// <summary>The first token's state (our inputs have no [CLS] token: the first token of the sequence).</summary>
    Cls,

    /// <summary>The element-wise maximum over every real token.</summary>
    Max,

    /// <summary>The mean, then the maximum, side by side: 2·D values, what a classifier fine-tuned with the default
    /// `--pooling mean-max` reads (ULMFiT's concat pooling).</summary>
    MeanMax,
}

/// <summary>Where each reduction sits in a pooled embedding.</summary>
public static class EmbeddingPoolingLayout
{
    /// <summary>The pooled vector's width for an encoder <paramref name="width"/> wide: 2·D for mean-max, D otherwise.</summary>
    public static int PooledWidth(this EmbeddingPooling pooling, int width) => pooling == EmbeddingPooling.MeanMax ? 2 * width : width;

    /// <summary>Where the mean starts in the pooled vector, or −1 when it has none.</summary>
    public static int MeanOffset(this EmbeddingPooling pooling) => pooling is EmbeddingPooling.Mean or EmbeddingPooling.MeanMax ? 0 : -1;

    /// <summary>Where the maximum starts in the pooled vector of an encoder <paramref name="width"/> wide, or −1 when it has none.</summary>
    public static int MaxOffset(this EmbeddingPooling pooling, int width) => pooling switch
    {
        EmbeddingPooling.Max => 0,
        EmbeddingPooling.MeanMax => width,
        _ => -1,
    };
}
