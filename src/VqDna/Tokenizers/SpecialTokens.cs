namespace VqDna.Tokenizers;

/// <summary>
/// Ids of the special tokens, in BERT's names. All our tokenizers put them first, in this order
/// ([PAD]=0 … [MASK]=4), as DNABERT and DNABERT-2 do, so a padded batch is zero-filled.
/// </summary>
public sealed record SpecialTokens(int Pad, int Unk, int Cls, int Sep, int Mask)
{
    /// <summary>Padding: fills a batch's short rows.</summary>
    public const string PadToken = "[PAD]";
    /// <summary>Unknown: a character or piece outside the vocabulary.</summary>
    public const string UnkToken = "[UNK]";
    /// <summary>Classification: put before a sequence's tokens.</summary>
    public const string ClsToken = "[CLS]";
    /// <summary>Separator: put after a sequence's tokens.</summary>
    public const string SepToken = "[SEP]";
    /// <summary>Mask: replaces a token whose identity the model must predict.</summary>
    public const string MaskToken = "[MASK]";

    /// <summary>The names in id order.</summary>
    public static readonly IReadOnlyList<string> Names = [PadToken, UnkToken, ClsToken, SepToken, MaskToken];

    /// <summary>[PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4.</summary>
    public static readonly SpecialTokens Default = new(0, 1, 2, 3, 4);

    /// <summary>Number of special tokens.</summary>
    public const int Count = 5;

    /// <summary>True when <paramref name="id"/> is one of the special ids.</summary>
    public bool IsSpecial(int id) => id == Pad || id == Unk || id == Cls || id == Sep || id == Mask;
}
