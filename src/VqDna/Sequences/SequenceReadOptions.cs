namespace VqDna.Sequences;

/// <summary>How sequence readers treat what is not A, C, G, T or U.</summary>
/// <param name="Strict">
/// Refuse IUPAC ambiguity codes other than N (R Y S W K M B D H V) with an error naming the file, record,
/// line and column. By default they are read as N and counted (<see cref="SequenceRecord.AmbiguousBases"/>).
/// N itself is always accepted: assemblies use runs of N for gaps.
/// </param>
public sealed record SequenceReadOptions(bool Strict = false)
{
    /// <summary>Ambiguity codes read as N.</summary>
    public static readonly SequenceReadOptions Default = new();

    /// <summary>Ambiguity codes other than N refused.</summary>
    public static readonly SequenceReadOptions StrictBases = new(Strict: true);
}
