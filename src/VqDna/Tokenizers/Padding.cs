namespace VqDna.Tokenizers;

/// <summary>How a batch is padded to a rectangle.</summary>
public enum Padding
{
    /// <summary>To the longest row of the batch.</summary>
    Longest,

    /// <summary>To <see cref="EncodeOptions.MaxLength"/> always.</summary>
    MaxLength,
}
