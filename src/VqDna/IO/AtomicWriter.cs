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

    /// <summary>Opens <paramref name="path"/> ("-" for standard output) for writing through a temporary file.</summary>
    public AtomicWriter(string path)
    {
        Path = path;
        stream = new AtomicFileStream(path);
        Writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }
    /// <summary>UTF-8 text writer, "\n" line ends; nothing reaches the target before <see cref="Commit"/>.</summary>
    public TextWriter Writer { get; }

    /// <summary>True when the text goes to standard output.</summary>
    public bool IsStandardOutput => Path == OutputTarget.StandardOutput;

    /// <summary>Flushes the text and puts the file in place.</summary>
    public void Commit()
    {
        Writer.Flush();
        stream.Commit();
        committed = true;
    }

    /// <summary>Closes the writer; without <see cref="Commit"/>, deletes the temporary file and leaves the target as it was.</summary>
    public void Dispose()
    {
        // After Commit the stream is closed and the writer's buffer empty: disposing the writer would flush into a
        // closed file (issue 7: every tokenize run exited 1). Without Commit the text is abandoned, not flushed:
        // a flush error here would hide the error that stopped the writing.
        if (!committed) stream.Dispose();
    }
}
