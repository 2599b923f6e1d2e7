namespace VqDna.Tokenizers;

/// <summary>Settings for batch encoding.</summary>
/// <param name="AddSpecialTokens">Wrap each row as [CLS] tokens [SEP] (BERT's single-sequence template).</param>
/// <param name="MaxLength">Longest row allowed, special tokens included; null for no limit.</param>
/// <param name="Truncate">Cut rows longer than <paramref name="MaxLength"/> (keeping [SEP]); when false such a row is an error.</param>
/// <param name="PadTo">Pad to the longest row or to <paramref name="MaxLength"/>.</param>
public sealed record EncodeOptions(
    bool AddSpecialTokens = true,
    int? MaxLength = null,
    bool Truncate = true,
    Padding PadTo = Padding.Longest)
{
    /// <summary>[CLS] … [SEP], no length limit, padded to the longest row.</summary>
    public static readonly EncodeOptions Default = new();

    internal void Validate()
    {
        int minimum = AddSpecialTokens ? 2 : 0;
        if (MaxLength is { } max && max <= minimum)
            throw new ArgumentOutOfRangeException(nameof(MaxLength), max, $"MaxLength must exceed {minimum} (room for the special tokens and one token)");
        if (PadTo == Padding.MaxLength && MaxLength is null)
            throw new ArgumentException("PadTo = MaxLength needs a MaxLength", nameof(PadTo));
    }
}
