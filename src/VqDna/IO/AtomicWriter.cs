using System.Text;

namespace VqDna.IO;

/// <summary>
/// A text writer onto a temporary file beside the target; <see cref="Commit"/> renames it into place.
/// Disposed without Commit (an error mid-way), it deletes the temporary file and leaves the target as it was.
/// </summary>
public sealed class AtomicWriter : IDisposable
{
    private readonly string temp;
    private bool committed;

    public AtomicWriter(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        temp = $"{path}.tmp-{Environment.ProcessId}";
        Writer = new StreamWriter(temp, append: false, new UTF8Encoding(false));
    }

    public string Path { get; }
    public TextWriter Writer { get; }

    public void Commit()
    {
        Writer.Dispose();
        File.Move(temp, Path, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        if (committed) return;
        Writer.Dispose();
        if (File.Exists(temp)) File.Delete(temp);
    }
}
