using System.Runtime.InteropServices;
using System.Text;
using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>
/// Writes a NumPy .npy file (format 1.0: float32, little-endian, C order) whose shape is known up front and
/// whose rows arrive in blocks, so the array never has to exist whole in memory. Atomic: the file appears
/// under its name only on <see cref="Commit"/>.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private readonly string path;
    private readonly AtomicFileStream stream;
    private readonly long dataStart, dataLength;

    /// <summary>
    /// Opens <paramref name="path"/> atomically and writes the header of a float32 (<paramref name="rows"/>, <paramref name="columns"/>)
    /// array.
    /// </summary>
    public NpyWriter(string path, long rows, long columns)
    {
        this.path = path;
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";   // data starts 64-aligned
        stream = new AtomicFileStream(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        dataStart = stream.Position;
        dataLength = rows * columns * sizeof(float);
    }

    /// <summary>Appends <paramref name="values"/>, row-major; more than the shape holds is an error.</summary>
    public void Write(ReadOnlySpan<float> values)
    {
        if (stream.Position - dataStart + (long)values.Length * sizeof(float) > dataLength)
            throw new InvalidOperationException($"'{path}': more values written than the array's shape holds");
        stream.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Checks the array is complete, then puts the file in place.</summary>
    public void Commit()
    {
        if (stream.Position - dataStart != dataLength)
            throw new InvalidOperationException($"'{path}': wrote {(stream.Position - dataStart) / sizeof(float)} values, the shape needs {dataLength / sizeof(float)}");
        stream.Commit();
    }

    /// <summary>Closes the file; before <see cref="Commit"/> nothing is left behind.</summary>
    public void Dispose() => stream.Dispose();
}
