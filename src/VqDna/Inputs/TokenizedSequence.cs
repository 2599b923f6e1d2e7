namespace VqDna.Inputs;

/// <summary>
/// One sequence as the encoder reads it: tokens for a hand-made tokenizer (ids), or, for a learned one,
/// one token per nucleotide with its frozen code vector and its code at every level.
/// </summary>
/// <param name="Ids">Token ids (hand-made tokenizers); null for learned ones.</param>
/// <param name="Vectors">Code vectors, tokens × dim row-major (learned tokenizers); null otherwise.</param>
/// <param name="Codes">Codes per level, each of length tokens (learned tokenizers); null otherwise.</param>
/// <param name="Length">Number of tokens.</param>
public sealed record TokenizedSequence(int[]? Ids, float[]? Vectors, int[][]? Codes, int Length)
{
    /// <summary>Tokens [start, start + count) as their own sequence (a chunk of a long input).</summary>
    public TokenizedSequence Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"slice [{start}, {start + count}) is outside the {Length} tokens");
        int dim = Vectors is null ? 0 : Vectors.Length / Math.Max(1, Length);
        return new TokenizedSequence(
            Ids?[start..(start + count)],
            Vectors?[(start * dim)..((start + count) * dim)],
            Codes?.Select(c => c[start..(start + count)]).ToArray(),
            count);
    }

    /// <summary>Consecutive chunks of at most <paramref name="maxTokens"/> tokens (one when it fits).</summary>
    public IEnumerable<TokenizedSequence> Chunks(int maxTokens)
    {
        if (Length <= maxTokens) { yield return this; yield break; }
        for (int start = 0; start < Length; start += maxTokens) yield return Slice(start, Math.Min(maxTokens, Length - start));
    }
}
