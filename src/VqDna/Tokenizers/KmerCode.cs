namespace VqDna.Tokenizers;

/// <summary>2-bit codes of bases (A=0, C=1, G=2, T=3) and of k-mers built from them.</summary>
internal static class KmerCode
{
    private static readonly sbyte[] Codes = Build();

    private static sbyte[] Build()
    {
        var codes = new sbyte[128];
        Array.Fill(codes, (sbyte)-1);
        codes['A'] = 0; codes['C'] = 1; codes['G'] = 2; codes['T'] = 3;
        return codes;
    }

    /// <summary>The code of an A/C/G/T, or -1 for anything else.</summary>
    public static int Base(char c) => c < 128 ? Codes[c] : -1;

    /// <summary>The k-mer with code <paramref name="code"/>, first base in the high bits.</summary>
    public static string ToKmer(int code, int k) => string.Create(k, code, (span, c) =>
    {
        for (int j = span.Length - 1; j >= 0; j--) { span[j] = "ACGT"[c & 3]; c >>= 2; }
    });
}
