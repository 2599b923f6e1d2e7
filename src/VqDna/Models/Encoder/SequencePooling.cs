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
}
