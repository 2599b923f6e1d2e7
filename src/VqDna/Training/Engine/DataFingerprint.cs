using System.Security.Cryptography;
using System.Text;

namespace VqDna.Training.Engine;

/// <summary>
/// What a run was trained on: each file's name, size and a SHA-256 of the sequence text read from it, and
/// one digest over all of them. Written to data.json; a resume on different data is refused.
/// </summary>
public sealed record DataFingerprint(IReadOnlyList<FileFingerprint> Files, long Bases, string Digest)
{
    public string Describe() => $"{Files.Count} file(s), {Bases:N0} bp, digest {Digest[..12]}";

    /// <summary>Combines per-file fingerprints in order.</summary>
    public static DataFingerprint Of(IReadOnlyList<FileFingerprint> files)
    {
        var text = string.Join("\n", files.Select(f => $"{f.Name}\t{f.Bytes}\t{f.Sha256}"));
        return new DataFingerprint(files, files.Sum(f => f.Bases), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}

/// <summary>One input file: its name (not its path: a moved corpus is the same corpus), size on disk, bases read and their SHA-256.</summary>
public sealed record FileFingerprint(string Name, long Bytes, long Bases, string Sha256);

/// <summary>Hashes the records read from one file as they stream by.</summary>
public sealed class FingerprintBuilder : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long bases;

    public void Add(string id, ReadOnlySpan<char> sequence)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(id + "\n"));
        var buffer = new byte[Math.Min(sequence.Length, 1 << 16)];
        for (int start = 0; start < sequence.Length; start += buffer.Length)
        {
            var part = sequence.Slice(start, Math.Min(buffer.Length, sequence.Length - start));
            int n = Encoding.ASCII.GetBytes(part, buffer);
            hash.AppendData(buffer, 0, n);
        }
        hash.AppendData("\n"u8);
        bases += sequence.Length;
    }

    public FileFingerprint Finish(string file) =>
        new(System.IO.Path.GetFileName(file), File.Exists(file) ? new FileInfo(file).Length : 0, bases, Convert.ToHexStringLower(hash.GetHashAndReset()));

    public void Dispose() => hash.Dispose();
}
