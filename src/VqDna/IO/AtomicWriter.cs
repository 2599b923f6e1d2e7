using System.Text;
using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>
/// A text writer onto a temporary file beside the target; <see cref="Commit"/> renames it into place.
/// Disposed without Commit (an error mid-way), it deletes the temporary file and leaves the target as it was.
/// </summary>
public sealed class AtomicWriter : IDisposable
{
    private readonly AtomicFileStream stream;

    public AtomicWriter(string path)
    {
        Path = path;
        stream = new AtomicFileStream(path);
        Writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
    }

    public string Path { get; }
    public TextWriter Writer { get; }

    public void Commit()
    {
        Writer.Flush();
        stream.Commit();
    }

    public void Dispose()
    {
        Writer.Dispose();
        stream.Dispose();
    }
}
