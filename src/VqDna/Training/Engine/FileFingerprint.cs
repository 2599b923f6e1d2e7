namespace VqDna.Training.Engine;

/// <summary>
/// One input file: its name (not its path: a moved corpus is the same corpus), size on disk, bases read and their SHA-256.
/// </summary>
public sealed record FileFingerprint(string Name, long Bytes, long Bases, string Sha256);
