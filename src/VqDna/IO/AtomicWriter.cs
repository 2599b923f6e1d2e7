using System.Text;
using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>
/// A text writer onto an <see cref="AtomicFileStream"/>: a temporary file beside the target that
/// <see cref="Commit"/> renames into place (standard output for "-"; FIFOs and devices written through).
/// Disposed without Commit (an error mid-way), it deletes the temporary file and leaves the target as it was.
/// </summary>
public sealed class AtomicWriter : IDisposable
{
    private readonly AtomicFileStream stream;
    private bool committed;

    public AtomicWriter(string path)
    {
        Path = path;
        stream = new AtomicFileStream(path);
        Writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    public string Path { get; }
    public TextWriter Writer { get; }

    /// <summary>True when the text goes to standard output.</summary>
    public bool IsStandardOutput => Path == OutputTarget.StandardOutput;

    public void Commit()
    {
        Writer.Flush();
        stream.Commit();
        committed = true;
    }

    public void Dispose()
    {
        // After Commit the stream is closed and the writer's buffer empty: disposing the writer would flush into a
        // closed file (issue 7: every tokenize run exited 1). Without Commit the text is abandoned, not flushed:
        // a flush error here would hide the error that stopped the writing.
        if (!committed) stream.Dispose();
    }
}
