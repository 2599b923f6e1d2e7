namespace VqDna.Inputs;

/// <summary>What happens to a token chosen for prediction.</summary>
public enum MaskAction : byte
{
    /// <summary>Not chosen: no label.</summary>
    None,
    /// <summary>Replaced by [MASK] (or, for code vectors, the learned mask vector).</summary>
    Mask,
    /// <summary>Replaced by a random token.</summary>
    Random,
    /// <summary>Left as it is, but still predicted.</summary>
    Keep,
}
