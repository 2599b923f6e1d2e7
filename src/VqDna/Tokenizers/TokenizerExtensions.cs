namespace VqDna.Tokenizers;

/// <summary>Encoding helpers every <see cref="ITokenizer"/> gets: special-token wrapping and batches.</summary>
public static class TokenizerExtensions
{
    /// <summary>[CLS] + Encode(sequence) + [SEP].</summary>
    public static int[] EncodeWithSpecialTokens(this ITokenizer tokenizer, ReadOnlySpan<char> sequence)
    {
        var ids = tokenizer.Encode(sequence);
        var result = new int[ids.Length + 2];
        result[0] = tokenizer.Special.Cls;
        ids.CopyTo(result, 1);
        result[^1] = tokenizer.Special.Sep;
        return result;
    }

    /// <summary>
    /// Encodes <paramref name="sequences"/> in parallel into one padded batch with attention
    /// masks, applying <paramref name="options"/> (special tokens, truncation, padding).
    /// </summary>
    public static BatchEncoding EncodeBatch(this ITokenizer tokenizer, IReadOnlyList<string> sequences, EncodeOptions? options = null)
    {
        options ??= EncodeOptions.Default;
        options.Validate();
        var rows = new int[sequences.Count][];
        Parallel.For(0, sequences.Count, i => rows[i] = tokenizer.Encode(sequences[i]));

        int extra = options.AddSpecialTokens ? 2 : 0;
        var lengths = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int length = rows[i].Length + extra;
            if (options.MaxLength is { } max && length > max)
            {
                if (!options.Truncate)
                    throw new ArgumentException($"sequence {i} encodes to {length} tokens, more than MaxLength {max}, and truncation is off", nameof(sequences));
                length = max;
            }
            lengths[i] = length;
        }
        int width = options.PadTo == Padding.MaxLength ? options.MaxLength!.Value : (lengths.Length == 0 ? 0 : lengths.Max());
        var ids = new int[rows.Length * width];
        var mask = new int[rows.Length * width];
        var special = tokenizer.Special;
        for (int i = 0; i < rows.Length; i++)
        {
            var row = ids.AsSpan(i * width, width);
            row.Fill(special.Pad);
            int content = lengths[i] - extra, at = 0;
            if (options.AddSpecialTokens) row[at++] = special.Cls;
            rows[i].AsSpan(0, content).CopyTo(row[at..]);
            at += content;
            if (options.AddSpecialTokens) row[at] = special.Sep;
            mask.AsSpan(i * width, lengths[i]).Fill(1);
        }
        return new BatchEncoding(rows.Length, width, ids, mask, lengths);
    }
}
