using VqDna.Tokenizers;

namespace VqDna.Analysis.Variants;

/// <summary>
/// Which token covers each position of a sequence under a hand-made tokenizer: the token's id and the index of its
/// first base. Two sequences "have the same token" at a position when both the id and the token's span agree.
/// </summary>
public static class TokenCover
{
    /// <summary>Per position: the covering token's id and start index. Throws when the tokens do not spell the whole sequence.</summary>
    public static (int[] Ids, int[] Starts) Of(ITokenizer tokenizer, string sequence)
    {
        var tokens = tokenizer.Encode(sequence);
        var ids = new int[sequence.Length];
        var starts = new int[sequence.Length];
        int position = 0;
        foreach (int id in tokens)
        {
            int length = tokenizer.Special.IsSpecial(id) ? 1 : tokenizer.IdToToken(id).Length;   // [UNK] stands for one base
            if (position + length > sequence.Length)
                throw new InvalidOperationException($"{tokenizer.Type} tokens spell more than the {sequence.Length} bases they came from");
            ids.AsSpan(position, length).Fill(id);
            starts.AsSpan(position, length).Fill(position);
            position += length;
        }
        if (position != sequence.Length)
            throw new InvalidOperationException($"{tokenizer.Type} tokens spell {position} of the {sequence.Length} bases they came from");
        return (ids, starts);
    }
}
