using System.Security.Cryptography;
using System.Text;

namespace VqDna.Training.Engine;

/// <summary>
/// What a run was trained on: each file's name, size and a SHA-256 of the sequence text read from it, and
/// one digest over all of them. Written to data.json; a resume on different data is refused.
/// </summary>
public sealed record DataFingerprint(IReadOnlyList<FileFingerprint> Files, long Bases, string Digest)
{
    /// <summary>One line for logs: files, bases and the digest's first 12 characters.</summary>
    public string Describe() => $"{Files.Count} file(s), {Bases:N0} bp, digest {Digest[..12]}";

    /// <summary>Combines per-file fingerprints in order.</summary>
    public static DataFingerprint Of(IReadOnlyList<FileFingerprint> files)
    {
        var text = string.Join("\n", files.Select(f => $"{f.Name}\t{f.SizeKey}\t{f.Sha256}"));
        return new DataFingerprint(files, files.Sum(f => f.Bases), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}
