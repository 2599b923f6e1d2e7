namespace VqDna.Models.Baselines;

/// <summary>
/// Overlapping k-mer frequencies of a sequence: the classical featurisation of DNA (the "bag of k-mers" a
/// logistic regression reads). Each of the 4^k k-mers over A, C, G, T gets the count of its occurrences
/// divided by the number of k-mers counted, so sequences of different lengths compare. A window that
/// touches an N (or any other letter) is skipped; a sequence with no complete k-mer is all zeros.
/// </summary>
public static class KmerFrequencies
{
    /// <summary>The largest k accepted: 4^8 = 65,536 features is already past what a linear model on a few thousand rows uses.</summary>
    public const int MaxK = 8;

    /// <summary>Features per sequence: 4^k.</summary>
    public static int Dimension(int k)
    {
        Check(k);
        return 1 << (2 * k);
    }

    /// <summary>The index of a k-mer: its bases in base 4, A = 0, C = 1, G = 2, T = 3, first base most significant.</summary>
    public static int IndexOf(string kmer)
    {
        Check(kmer.Length);
        int index = 0;
        foreach (char c in kmer)
        {
            int b = Base(c);
            if (b < 0) throw new ArgumentException($"k-mer '{kmer}' has '{c}', not one of A, C, G, T", nameof(kmer));
            index = (index << 2) | b;
        }
        return index;
    }

    /// <summary>Writes the frequencies of <paramref name="sequence"/> into <paramref name="row"/> (length 4^k, overwritten).</summary>
    public static void Fill(string sequence, int k, Span<float> row)
    {
        int dimension = Dimension(k);
        if (row.Length != dimension) throw new ArgumentException($"row has {row.Length} slots, k = {k} needs {dimension}", nameof(row));
        row.Clear();
        int mask = dimension - 1, run = 0, index = 0;
        long counted = 0;
        foreach (char c in sequence)
        {
            int b = Base(c);
            if (b < 0) { run = 0; continue; }                  // an N breaks every window over it
            index = ((index << 2) | b) & mask;
            if (++run >= k) { row[index]++; counted++; }
        }
        if (counted == 0) return;
        float scale = 1f / counted;
        for (int i = 0; i < row.Length; i++) row[i] *= scale;
    }

    /// <summary>The frequency matrix (sequences × 4^k) of <paramref name="sequences"/>.</summary>
    public static float[,] Matrix(IReadOnlyList<string> sequences, int k)
    {
        int dimension = Dimension(k);
        var matrix = new float[sequences.Count, dimension];
        var row = new float[dimension];
        for (int i = 0; i < sequences.Count; i++)
        {
            Fill(sequences[i], k, row);
            for (int j = 0; j < dimension; j++) matrix[i, j] = row[j];
        }
        return matrix;
    }

    private static int Base(char c) => c switch
    {
        'A' or 'a' => 0,
        'C' or 'c' => 1,
        'G' or 'g' => 2,
        'T' or 't' => 3,
        _ => -1,
    };

    private static void Check(int k)
    {
        if (k < 1 || k > MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k-mer size must be in 1..{MaxK}");
    }
}
