using VqDna.Torch;
using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>
/// Per-nucleotide embeddings of several records, streamed to .safetensors (one float32 tensor per record,
/// length × dim, named by record id; repeated ids get #2, #3…) or to .npy (one record only).
/// </summary>
public sealed class EmbeddingsWriter : IDisposable
{
    private readonly SafetensorsWriter? safetensors;
    private readonly NpyWriter? npy;

    /// <param name="path">Ends in .safetensors or .npy.</param>
    /// <param name="records">Every record's id and length, in the order they will be written.</param>
    /// <param name="dim">Embedding dimension.</param>
    public EmbeddingsWriter(string path, IReadOnlyList<(string id, int length)> records, int dim)
    {
        if (path.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var specs = records.Select(r =>
            {
                var name = r.id;
                for (int i = 2; !seen.Add(name); i++) name = $"{r.id}#{i}";
                return new SafetensorsTensorSpec(name, ScalarType.Float32, [r.length, dim]);
            }).ToList();
            safetensors = new SafetensorsWriter(path, specs);
        }
        else if (path.EndsWith(".npy", StringComparison.Ordinal))
        {
            if (records.Count != 1) throw new ArgumentException($".npy holds one array but the input has {records.Count} records: use .safetensors");
            npy = new NpyWriter(path, records[0].length, dim);
        }
        else throw new ArgumentException($"embeddings file '{path}' must end in .safetensors or .npy");
    }

    /// <summary>Appends the next rows (row-major floats), in record order.</summary>
    public void Write(ReadOnlySpan<float> rows)
    {
        if (safetensors is not null) safetensors.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows));
        else npy!.Write(rows);
    }

    /// <summary>Checks every promised value was written, then puts the file in place.</summary>
    public void Commit()
    {
        safetensors?.Commit();
        npy?.Commit();
    }

    /// <summary>Closes the file; before <see cref="Commit"/> nothing is left behind.</summary>
    public void Dispose()
    {
        safetensors?.Dispose();
        npy?.Dispose();
    }
}
