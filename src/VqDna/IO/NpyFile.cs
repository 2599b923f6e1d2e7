using System.Text;

namespace VqDna.IO;

/// <summary>Writes NumPy .npy files (format 1.0): float32, little-endian, C order.</summary>
public static class NpyFile
{
    /// <summary>Writes a (rows, columns) float32 array atomically.</summary>
    public static void WriteFloat32(string path, float[] data, long rows, long columns)
    {
        if (rows * columns != data.LongLength) throw new ArgumentException($"{data.LongLength} values do not make a {rows} × {columns} array");
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";   // pad so data starts 64-aligned
        var temp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var stream = File.Create(temp))
            {
                stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
                stream.Write(BitConverter.GetBytes((ushort)header.Length));
                stream.Write(Encoding.ASCII.GetBytes(header));
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
