namespace VqDna.Tokenizers;

/// <summary>
/// Overlapping k-mers with stride 1 (DNABERT): a sequence of length L gives L - k + 1 tokens.
/// Vocabulary: the special tokens, then all 4^k k-mers over ACGT in lexicographic order (A &lt; C &lt; G &lt; T);
/// a k-mer containing N is [UNK]. A sequence shorter than k gives no tokens.
/// Decoding is exact for sequences of A, C, G, T; positions covered only by [UNK] come back as N.
/// </summary>
public sealed class KmerTokenizer : ITokenizer
{
    /// <summary>Smallest and largest k supported (DNABERT trained 3, 4, 5 and 6).</summary>
    public const int MinK = 3, MaxK = 6;

    /// <summary>An overlapping k-mer tokenizer, k in [<see cref="MinK"/>, <see cref="MaxK"/>].</summary>
    public KmerTokenizer(int k)
    {
        if (k < MinK || k > MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in {MinK}..{MaxK}");
        K = k;
    }

    /// <summary>Length of each k-mer.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public string Type => "kmer";
    /// <inheritdoc/>
    public int VocabSize => SpecialTokens.Count + (1 << (2 * K));
    /// <inheritdoc/>
    public SpecialTokens Special => SpecialTokens.Default;
    /// <inheritdoc/>
    public bool CanDecode => true;

    /// <inheritdoc/>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        int count = Math.Max(0, sequence.Length - K + 1);
        var ids = new int[count];
        int mask = (1 << (2 * K)) - 1, code = 0;
        int lastInvalid = -1; // position of the most recent non-ACGT character
        for (int i = 0; i < sequence.Length; i++)
        {
            int b = KmerCode.Base(sequence[i]);
            if (b < 0) { lastInvalid = i; b = 0; }
            code = ((code << 2) | b) & mask;
            int start = i - K + 1;
            if (start >= 0) ids[start] = lastInvalid >= start ? Special.Unk : SpecialTokens.Count + code;
        }
        return ids;
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var content = new List<int>(ids.Length);
        foreach (int id in ids) if (id == Special.Unk || !Special.IsSpecial(id)) content.Add(id);
        if (content.Count == 0) return "";
        var chars = new char[content.Count + K - 1];
        for (int t = 0; t < content.Count; t++)
        {
            // The first token writes all k bases; each later token adds its last base, but a
            // known k-mer also fills positions an earlier [UNK] left as N.
            var kmer = IdToKmer(content[t]);
            for (int j = t == 0 ? 0 : K - 1; j < K; j++) chars[t + j] = kmer?[j] ?? 'N';
            if (kmer is not null && t > 0)
                for (int j = 0; j < K - 1; j++) if (chars[t + j] == 'N') chars[t + j] = kmer[j];
        }
        return new string(chars);
    }

    private string? IdToKmer(int id)
    {
        if (id == Special.Unk) return null;
        if (id < SpecialTokens.Count || id >= VocabSize) throw new ArgumentOutOfRangeException(nameof(id), id, $"not an id of the {VocabSize}-token {K}-mer vocabulary");
        return KmerCode.ToKmer(id - SpecialTokens.Count, K);
    }

    /// <inheritdoc/>
    public string IdToToken(int id) => id < SpecialTokens.Count ? SpecialTokens.Names[id] : IdToKmer(id)!;

    /// <inheritdoc/>
    public void Save(string path) => TokenizerJson.Write(path, this, w => w.WriteNumber("k", K));
}
