namespace VqDna.Sequences;

/// <summary>
/// The nucleotide alphabet and its normalisation: upper case, U → T, and every IUPAC ambiguity
/// code (R Y S W K M B D H V N) → N. Anything else is not a nucleotide.
/// </summary>
public static class Nucleotides
{
    /// <summary>The five symbols a normalised sequence may contain, in vocabulary order.</summary>
    public const string Alphabet = "ACGTN";

    private static readonly char[] Table = BuildTable();

    private static char[] BuildTable()
    {
        var table = new char[128];
        foreach (var c in "ACGT") { table[c] = c; table[char.ToLowerInvariant(c)] = c; }
        table['U'] = 'T'; table['u'] = 'T';
        foreach (var c in "RYSWKMBDHVN") { table[c] = 'N'; table[char.ToLowerInvariant(c)] = 'N'; }
        return table;
    }

    /// <summary>The normalised form of <paramref name="c"/>, or '\0' when it is not a nucleotide.</summary>
    public static char Normalize(char c) => c < 128 ? Table[c] : '\0';

    /// <summary>True when <paramref name="c"/> is one of A, C, G, T, N (already normalised).</summary>
    public static bool IsNormalized(char c) => c is 'A' or 'C' or 'G' or 'T' or 'N';

    /// <summary>True for an IUPAC ambiguity code other than N (R Y S W K M B D H V, either case): read as N, and counted.</summary>
    public static bool IsAmbiguityCode(char c) => c < 128 && Table[c] == 'N' && c is not ('N' or 'n');

    /// <summary>
    /// Appends the normalised form of <paramref name="text"/> to <paramref name="output"/>, skipping
    /// spaces, tabs and carriage returns. Returns the index of the first character that is not a
    /// nucleotide, or -1 when all were.
    /// </summary>
    public static int NormalizeInto(ReadOnlySpan<char> text, SequenceBuilder output)
    {
        var counts = new AmbiguityCounter(strict: false);
        return NormalizeInto(text, output, ref counts);
    }

    /// <summary>
    /// As <see cref="NormalizeInto(ReadOnlySpan{char}, SequenceBuilder)"/>, counting the ambiguity codes
    /// read as N into <paramref name="counts"/>; when it is strict, an ambiguity code other than N stops
    /// the line like a non-nucleotide (its index is returned; <see cref="AmbiguityCounter.IsRejected"/> tells which).
    /// </summary>
    public static int NormalizeInto(ReadOnlySpan<char> text, SequenceBuilder output, ref AmbiguityCounter counts)
    {
        var span = output.Reserve(text.Length);
        int bad = Normalize(text, span, ref counts, out int written);
        output.Commit(written);
        return bad;
    }

    /// <summary>
    /// Writes the normalised form of <paramref name="text"/> into <paramref name="output"/> (at least as long),
    /// skipping spaces, tabs and carriage returns; <paramref name="written"/> is how many were written. Returns
    /// the index of the first character refused (a non-nucleotide, or an ambiguity code when strict), or -1.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> output, ref AmbiguityCounter counts, out int written)
    {
        written = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char n = c < 128 ? Table[c] : '\0';
            if (n == 'N')
            {
                counts.N++;
                if (c is not ('N' or 'n'))
                {
                    if (counts.Strict) { counts.N--; return i; }
                    counts.Ambiguous++;
                }
            }
            if (n != '\0') { output[written++] = n; continue; }
            if (c is ' ' or '\t' or '\r') continue;
            return i;
        }
        return -1;
    }

    /// <summary>Normalises a whole sequence; throws <see cref="SequenceFormatException"/> naming the column of a bad character.</summary>
    public static string Normalize(string text, string source = "<string>")
    {
        var builder = new SequenceBuilder(text.Length);
        int bad = NormalizeInto(text, builder);
        if (bad >= 0) throw SequenceFormatException.InvalidCharacter(source, null, 0, text[bad], bad + 1);
        return builder.ToString();
    }

    /// <summary>The reverse complement of a normalised sequence (N stays N).</summary>
    public static string ReverseComplement(ReadOnlySpan<char> sequence)
    {
        return string.Create(sequence.Length, sequence.ToString(), static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                dst[src.Length - 1 - i] = src[i] switch
                {
                    'A' => 'T', 'C' => 'G', 'G' => 'C', 'T' => 'A',
                    _ => 'N',
                };
            }
        });
    }

    /// <summary>Fraction of G and C among the A/C/G/T positions (N excluded); 0 when there are none.</summary>
    public static double GcContent(ReadOnlySpan<char> sequence)
    {
        int gc = 0, acgt = 0;
        foreach (var c in sequence)
        {
            if (c is 'G' or 'C') { gc++; acgt++; }
            else if (c is 'A' or 'T') acgt++;
        }
        return acgt == 0 ? 0 : (double)gc / acgt;
    }
}
