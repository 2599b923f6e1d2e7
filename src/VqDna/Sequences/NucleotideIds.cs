namespace VqDna.Sequences;

/// <summary>Nucleotide ids of the learned tokenizers: A 0, C 1, G 2, T 3, N 4 (the order of Nucleotides.Alphabet).</summary>
public static class NucleotideIds
{
    /// <summary>The symbols in id order.</summary>
    public const string Alphabet = "ACGTN";

    /// <summary>The id of a normalised nucleotide; anything else is an error naming it.</summary>
    public static long Of(char c) => c switch
    {
        'A' => 0,
        'C' => 1,
        'G' => 2,
        'T' => 3,
        'N' => 4,
        _ => throw new ArgumentException($"'{c}' is not a normalised nucleotide (A, C, G, T, N)"),
    };

    /// <summary>Writes the ids of <paramref name="sequence"/> into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<char> sequence, Span<long> output)
    {
        for (int i = 0; i < sequence.Length; i++) output[i] = Of(sequence[i]);
    }

    /// <summary>The nucleotide of id 0..4.</summary>
    public static char Symbol(long id) => id is >= 0 and < 5 ? Alphabet[(int)id] : throw new ArgumentOutOfRangeException(nameof(id), id, "nucleotide ids are 0..4");
}
