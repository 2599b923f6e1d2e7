using System.Buffers.Binary;

namespace VqDna.Torch.Serialization;

/// <summary>
/// Writes a safetensors file whose tensors are known by shape up front and arrive piece by piece, in
/// order: the header is written first, then the bytes, so a tensor never has to exist whole in memory
/// (per-nucleotide embeddings of a chromosome do not fit one array). Atomic like Safetensors.Save:
/// the file appears under its name only on <see cref="Commit"/>; disposed before that, nothing is left behind.
/// </summary>
public sealed class SafetensorsWriter : IDisposable
{
    private readonly string path;
    private readonly AtomicFileStream stream;
    private readonly long dataStart, dataLength;

    /// <summary>
    /// Opens <paramref name="path"/> atomically and writes the header for <paramref name="tensors"/>, in order, and
    /// <paramref name="metadata"/>.
    /// </summary>
    public SafetensorsWriter(string path, IReadOnlyList<SafetensorsTensorSpec> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        this.path = path;
        var header = Safetensors.EncodeHeader(tensors, metadata, out dataLength);
        stream = new AtomicFileStream(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        dataStart = stream.Position;
    }

    /// <summary>Appends raw little-endian bytes; tensors follow one another in the order given.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (stream.Position - dataStart + bytes.Length > dataLength)
            throw new InvalidOperationException($"'{path}': more data written than the {dataLength} bytes the header describes");
        stream.Write(bytes);
    }

    /// <summary>Appends a tensor's bytes (in slices, for tensors larger than one array).</summary>
    public void Write(Tensor tensor, int chunkBytes = 64 << 20)
    {
        long elementSize = tensor.element_size(), numel = tensor.numel();
        if (numel * elementSize <= chunkBytes)
        {
            Write(tensor.ToBytes());
            return;
        }
        using var flat = tensor.reshape(-1);
        long perChunk = Math.Max(1, chunkBytes / elementSize);
        for (long start = 0; start < numel; start += perChunk)
        {
            using var slice = flat.narrow(0, start, Math.Min(perChunk, numel - start));
            Write(slice.ToBytes());
        }
    }

    /// <summary>Checks every promised byte was written, then moves the file into place.</summary>
    public void Commit()
    {
        long written = stream.Position - dataStart;
        if (written != dataLength)
            throw new InvalidOperationException($"wrote {written} data bytes to '{path}' but the header describes {dataLength}");
        stream.Commit();
    }

    /// <summary>Closes the file; before <see cref="Commit"/> nothing is left behind.</summary>
    public void Dispose() => stream.Dispose();
}
