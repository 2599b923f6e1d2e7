using System.Security.Cryptography;
using System.Text;

namespace VqDna.Training.Engine;

/// <summary>Hashes the records read from one file as they stream by.</summary>
public sealed class FingerprintBuilder : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long bases;

    /// <summary>Hashes one record: its id, then its sequence.</summary>
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

    /// <summary>
    /// The fingerprint of <paramref name="file"/> (its size on disk when it exists) from the records added; resets the hash.
    /// </summary>
    public FileFingerprint Finish(string file) =>
        new(System.IO.Path.GetFileName(file), File.Exists(file) ? new FileInfo(file).Length : 0, bases, Convert.ToHexStringLower(hash.GetHashAndReset()));

    /// <summary>Frees the hash.</summary>
    public void Dispose() => hash.Dispose();
}
