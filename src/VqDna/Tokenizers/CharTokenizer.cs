namespace VqDna.Tokenizers;

/// <summary>
/// One token per nucleotide (HyenaDNA's tokenizer): [PAD] [UNK] [CLS] [SEP] [MASK] A C G T N.
/// Lossless on normalised sequences; an ambiguity code (R, Y, …) is tokenized as N.
/// </summary>
public sealed class CharTokenizer : ITokenizer
{
    private const string Alphabet = "ACGTN";
    private static readonly int[] Lookup = BuildLookup();

    private static int[] BuildLookup()
    {
        var table = new int[128];
        Array.Fill(table, SpecialTokens.Default.Unk);
        for (int i = 0; i < Alphabet.Length; i++) table[Alphabet[i]] = SpecialTokens.Count + i;
        // An ambiguity code (R, Y, …, either case) is an unknown base like N (issue 7, defect 5).
        for (char c = (char)0; c < 128; c++) if (Sequences.Nucleotides.IsAmbiguityCode(c)) table[c] = table['N'];
        return table;
    }

    /// <inheritdoc/>
    public string Type => "char";
    /// <inheritdoc/>
    public int VocabSize => SpecialTokens.Count + Alphabet.Length;
    /// <inheritdoc/>
    public SpecialTokens Special => SpecialTokens.Default;
    /// <inheritdoc/>
    public bool CanDecode => true;

    /// <inheritdoc/>
    public int[] Encode(ReadOnlySpan<char> sequence)
    {
        var ids = new int[sequence.Length];
        for (int i = 0; i < sequence.Length; i++)
        {
            char c = sequence[i];
            ids[i] = c < 128 ? Lookup[c] : Special.Unk;
        }
        return ids;
    }

    /// <inheritdoc/>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var chars = new char[ids.Length];
        int n = 0;
        foreach (int id in ids)
        {
            if (id == Special.Unk) chars[n++] = 'N';
            else if (id >= SpecialTokens.Count && id < VocabSize) chars[n++] = Alphabet[id - SpecialTokens.Count];
            else if (!Special.IsSpecial(id)) throw new ArgumentOutOfRangeException(nameof(ids), id, $"not an id of the {VocabSize}-token char vocabulary");
        }
        return new string(chars, 0, n);
    }

    /// <inheritdoc/>
    public string IdToToken(int id) =>
        id < SpecialTokens.Count ? SpecialTokens.Names[id]
        : id < VocabSize ? Alphabet[id - SpecialTokens.Count].ToString()
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {VocabSize} ids");

    /// <inheritdoc/>
    public void Save(string path) => TokenizerJson.Write(path, this, _ => { });
}
