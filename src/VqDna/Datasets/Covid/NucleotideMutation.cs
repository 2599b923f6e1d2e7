using System.Globalization;

namespace VqDna.Datasets.Covid;

/// <summary>
/// One nucleotide change on a branch of a Nextstrain tree, written as in Auspice JSON: reference base,
/// 1-based position, new base ("C241T"). '-' stands for a deleted base: "A28271-" deletes, "-28271A" restores.
/// </summary>
/// <param name="Reference">The base the parent is expected to carry (A, C, G, T or '-').</param>
/// <param name="Position">1-based position in the root genome's coordinates.</param>
/// <param name="Alternative">The base this branch carries (A, C, G, T or '-').</param>
public readonly record struct NucleotideMutation(char Reference, int Position, char Alternative)
{
    /// <summary>Parses "C241T"; an error names the text and what was expected.</summary>
    public static NucleotideMutation Parse(string text)
    {
        if (text.Length < 3 || !IsBase(text[0]) || !IsBase(text[^1])
            || !int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int position) || position < 1)
            throw new FormatException($"'{text}' is not a nucleotide mutation; expected reference base, 1-based position, new base (e.g. C241T, A28271-)");
        return new NucleotideMutation(text[0], position, text[^1]);
    }

    /// <summary>True for a deletion (the new base is '-').</summary>
    public bool IsDeletion => Alternative == '-';

    /// <summary>True for a substitution between two real bases.</summary>
    public bool IsSubstitution => Reference != '-' && Alternative != '-';

    /// <summary>The usual notation: reference base, 1-based position, alternative base (e.g. A23403G).</summary>
    public override string ToString() => $"{Reference}{Position.ToString(CultureInfo.InvariantCulture)}{Alternative}";

    private static bool IsBase(char c) => c is 'A' or 'C' or 'G' or 'T' or 'N' or '-';
}
