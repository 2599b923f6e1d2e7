namespace VqDna.Torch.Serialization;

/// <summary>
/// A write stream onto a temporary file beside <see cref="TargetPath"/>. <see cref="Commit"/> flushes it and
/// renames it into place; disposed without Commit (an error mid-way), it deletes the temporary file and
/// leaves any existing target untouched. Every writer of checkpoints and outputs goes through this.
/// </summary>
public sealed class AtomicFileStream : Stream
{
    private readonly FileStream inner;
    private readonly string temp;
    private bool committed;

    public AtomicFileStream(string path)
    {
        TargetPath = path;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        temp = $"{path}.tmp-{Environment.ProcessId}";
        inner = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
    }

    public string TargetPath { get; }

    public void Commit()
    {
        inner.Flush(flushToDisk: true);
        inner.Dispose();
        File.Move(temp, TargetPath, overwrite: true);
        committed = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !committed)
        {
            inner.Dispose();
            if (File.Exists(temp)) File.Delete(temp);
        }
        base.Dispose(disposing);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    public override void Flush() => inner.Flush();
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override long Length => inner.Length;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
