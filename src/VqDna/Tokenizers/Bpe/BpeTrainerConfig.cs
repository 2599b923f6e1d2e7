namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Settings of <see cref="BpeTrainer"/>. The defaults are DNABERT-2's (vocabulary 4096, special
/// tokens first); the semantics of every field are those of Hugging Face's BpeTrainer, whose
/// merges we reproduce exactly.
/// </summary>
/// <param name="VocabSize">Stop when the vocabulary (special tokens, alphabet and merged tokens) reaches this size. DNABERT-2: 4096.</param>
/// <param name="MinFrequency">Stop when the most frequent pair occurs fewer times than this (HF default 0).</param>
/// <param name="IncludeSpecialTokens">Put [PAD] [UNK] [CLS] [SEP] [MASK] at ids 0-4 before the alphabet. False reproduces HF's trainer with no special tokens.</param>
/// <param name="MaxTokenLength">Longest token (in bases) a merge may create; null for no limit (HF's max_token_length).</param>
public sealed record BpeTrainerConfig(
    int VocabSize = BpeTrainerConfig.DefaultVocabSize,
    long MinFrequency = 0,
    bool IncludeSpecialTokens = true,
    int? MaxTokenLength = null)
{
    /// <summary>DNABERT-2's vocabulary size.</summary>
    public const int DefaultVocabSize = 4096;

    /// <summary>DNABERT-2's settings.</summary>
    public static readonly BpeTrainerConfig Dnabert2 = new();

    internal void Validate()
    {
        if (VocabSize < 1) throw new ArgumentOutOfRangeException(nameof(VocabSize), VocabSize, "vocabulary size must be positive");
        if (MinFrequency < 0) throw new ArgumentOutOfRangeException(nameof(MinFrequency), MinFrequency, "minimum frequency cannot be negative");
        if (MaxTokenLength is < 1) throw new ArgumentOutOfRangeException(nameof(MaxTokenLength), MaxTokenLength, "maximum token length must be positive");
    }
}
