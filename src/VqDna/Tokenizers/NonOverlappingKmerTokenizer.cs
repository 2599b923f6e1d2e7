namespace VqDna.Tokenizers;

/// <summary>
/// Non-overlapping k-mers with single-base fallback (Nucleotide Transformer, k = 6): each run of
/// A/C/G/T is cut into k-mers from its start; the last &lt; k bases of a run, and every N, become
/// single-base tokens. Vocabulary: the special tokens, the 4^k k-mers (lexicographic), then
/// A, C, G, T, N. Lossless on normalised sequences.
/// </summary>
public sealed class NonOverlappingKmerTokenizer : ITokenizer
{
    private const string Singles = "ACGTN";

    /// <summary>A non-overlapping k-mer tokenizer, k in [2, <see cref="KmerTokenizer.MaxK"/>] (Nucleotide Transformer: 6).</summary>
    public NonOverlappingKmerTokenizer(int k = 6)
    {
        if (k < 2 || k > KmerTokenizer.MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 2..{KmerTokenizer.MaxK}");
        K = k;
    }

    /// <summary>Length of the full tokens.</summary>
    public int K { get; }

    private int KmerCount => 1 << (2 * K);
    private int FirstSingle => SpecialTokens.Count + KmerCount;

    /// <inheritdoc/>
    public string Type => "kmer_nonoverlapping";
    /// <inheritdoc/>
    public int VocabSize => FirstSingle + Singles.Length;
    /// <inheritdoc/>
    public SpecialTokens Special => SpecialTokens.Default;
    /// <inheritdoc/>
    public bool CanDecode => true;

    /// <inheritdoc/>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        var ids = new List<int>(sequence.Length / K + 8);
        int i = 0;
        while (i < sequence.Length)
        {
            int code = 0, j = 0;
            for (; j < K && i + j < sequence.Length; j++)
            {
                int b = KmerCode.Base(sequence[i + j]);
                if (b < 0) break;
                code = (code << 2) | b;
            }
            if (j == K) { ids.Add(SpecialTokens.Count + code); i += K; continue; }
            // Fewer than k clean bases ahead: emit them (and the blocking character) one by one.
            for (int s = 0; s < j; s++) ids.Add(FirstSingle + KmerCode.Base(sequence[i + s]));
            i += j;
            if (i < sequence.Length && KmerCode.Base(sequence[i]) < 0)
            {
                ids.Add(sequence[i] == 'N' || Sequences.Nucleotides.IsAmbiguityCode(sequence[i]) ? FirstSingle + 4 : Special.Unk); // ambiguity codes as N
                i++;
            }
        }
        return ids.ToArray();
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var builder = new System.Text.StringBuilder(ids.Length * K);
        foreach (int id in ids)
        {
            if (id == Special.Unk) builder.Append('N');
            else if (Special.IsSpecial(id)) continue;
            else builder.Append(IdToToken(id));
        }
        return builder.ToString();
    }

    /// <inheritdoc/>
    public string IdToToken(int id) =>
        id < SpecialTokens.Count ? SpecialTokens.Names[id]
        : id < FirstSingle ? KmerCode.ToKmer(id - SpecialTokens.Count, K)
        : id < VocabSize ? Singles[id - FirstSingle].ToString()
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {VocabSize} ids");

    /// <inheritdoc/>
    public void Save(string path) => TokenizerJson.Write(path, this, w => w.WriteNumber("k", K));
}
