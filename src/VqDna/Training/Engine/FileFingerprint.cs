using System.Text.Json.Serialization;

namespace VqDna.Training.Engine;

/// <summary>
/// One input file: its name (not its path: a moved corpus is the same corpus), size on disk, bases read and their
/// SHA-256. A labelled task's split has no size of its own (dev may be carved from train.csv): it has
/// <see cref="Rows"/> instead and no <see cref="Bytes"/>.
/// </summary>
public sealed record FileFingerprint(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Bytes,
    long Bases,
    string Sha256)
{
    /// <summary>Rows of a task split; null for a corpus file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Rows { get; init; }

    /// <summary>
    /// What the digest hashes besides the name and the SHA-256: the size, or a split's rows. Task splits wrote their
    /// rows under "bytes" until 2026-12-07; hashing the same number keeps those runs' digests, so they still resume.
    /// </summary>
    internal long? SizeKey => Bytes ?? Rows;
}
