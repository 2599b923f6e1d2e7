namespace VqDna.Sequences;

/// <summary>
/// Counts the unknown bases met while normalising: every N, and among them the IUPAC ambiguity codes
/// (R Y S W K M B D H V) that were read as N. Strict reading refuses those codes instead.
/// </summary>
public struct AmbiguityCounter(bool strict)
{
    /// <summary>Refuse ambiguity codes other than N instead of reading them as N.</summary>
    public readonly bool Strict = strict;

    /// <summary>N positions after normalisation (ambiguity codes read as N included).</summary>
    public long N;

    /// <summary>Ambiguity codes other than N that were read as N.</summary>
    public long Ambiguous;

    /// <summary>True when <paramref name="c"/>, refused by a strict normalisation, is an ambiguity code (not a bad character).</summary>
    public readonly bool IsRejected(char c) => Strict && Nucleotides.IsAmbiguityCode(c);
}
