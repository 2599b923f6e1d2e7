namespace VqDna.Tokenizers;

/// <summary>
/// A padded batch, row-major (B, T) so it can become a tensor without copying shape around.
/// </summary>
/// <param name="BatchSize">B: number of rows.</param>
/// <param name="Length">T: padded row length.</param>
/// <param name="InputIds">(B, T) token ids; padding positions hold [PAD].</param>
/// <param name="AttentionMask">(B, T) 1 for real tokens, 0 for padding.</param>
/// <param name="Lengths">(B) number of real tokens per row.</param>
public sealed record BatchEncoding(int BatchSize, int Length, int[] InputIds, int[] AttentionMask, int[] Lengths)
{
    /// <summary>Row <paramref name="row"/> of <see cref="InputIds"/>, padding included.</summary>
    public ReadOnlySpan<int> Row(int row) => InputIds.AsSpan(row * Length, Length);

    /// <summary>Row <paramref name="row"/> of <see cref="AttentionMask"/>.</summary>
    public ReadOnlySpan<int> MaskRow(int row) => AttentionMask.AsSpan(row * Length, Length);
}
