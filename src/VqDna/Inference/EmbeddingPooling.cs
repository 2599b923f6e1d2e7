namespace VqDna.Inference;

/// <summary>How `vqdna embed` turns a sequence's per-token hidden states into one vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean over every real token (what the classification head reads), the usual choice.</summary>
    Mean,

    /// <summary>The first token's state (our inputs have no [CLS] token: the first token of the sequence).</summary>
    Cls,

    /// <summary>The element-wise maximum over every real token.</summary>
    Max,
}
