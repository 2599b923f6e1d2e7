namespace VqDna.Torch.Serialization;

/// <summary>
/// A write stream for an output (see <see cref="OutputTarget"/>): for a regular file, a temporary file beside
/// the real target that <see cref="Commit"/> flushes and renames into place, so that an error or a kill
/// mid-way leaves the old file untouched and nothing torn under its name; for standard output ("-"), a FIFO or
/// a device, the target itself. Every writer of checkpoints and outputs goes through this.
/// </summary>
public sealed class AtomicFileStream : Stream
{
    private readonly Stream inner;
    private readonly OutputTarget target;
    private readonly string? temp;
    private long position;
    private bool committed, disposed;

    /// <exception cref="IOException"><paramref name="path"/> is a directory, or cannot be created.</exception>
    public AtomicFileStream(string path)
    {
        TargetPath = path;
        target = OutputTarget.Resolve(path);
        if (target.IsStandardOutput)
            // Not Console.OpenStandardOutput: on Unix it pretends a write to a closed pipe succeeded (EPIPE is
            // ignored), so `vqdna tokenize … -o - | head` worked through its whole input and exited 0 (issue 19).
            // A FileStream on descriptor 1 throws IOException (Broken pipe) instead, and the command stops.
            inner = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        else if (target.WriteThrough)
            inner = new FileStream(target.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        else
        {
            target.PrepareFolder();
            temp = target.TempPath;
            PendingTempFiles.Add(temp);
            inner = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
        }
    }

    /// <summary>The path as given.</summary>
    public string TargetPath { get; }

    /// <summary>Where the bytes end up: the final target of any symbolic link, or "-".</summary>
    public string ResolvedPath => target.Path;

    /// <summary>Flushes everything and puts the file in place (renames the temporary file, or just flushes a written-through target).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed) return;
        if (temp is null)
        {
            inner.Flush();
            inner.Dispose();
        }
        else
        {
            if (inner is FileStream file) file.Flush(flushToDisk: true);
            inner.Dispose();
            target.ReplaceWith(temp);
            PendingTempFiles.Remove(temp);
        }
        committed = true;
    }

    /// <summary>Closes the stream; uncommitted, it deletes the temporary file so the target stays as it was.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            if (!committed)
            {
                inner.Dispose();
                if (temp is not null && File.Exists(temp)) File.Delete(temp);
                if (temp is not null) PendingTempFiles.Remove(temp);
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>Writes <paramref name="count"/> bytes from <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes <paramref name="buffer"/>; throws once committed or disposed.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckWritable();
        inner.Write(buffer);
        position += buffer.Length;
    }

    /// <summary>Flushes buffered bytes; after <see cref="Commit"/> there is nothing left to flush.</summary>
    public override void Flush()
    {
        if (!committed && !disposed) inner.Flush();
    }

    /// <summary>Bytes written so far (also for standard output and pipes, which cannot seek).</summary>
    public override long Position { get => position; set => throw new NotSupportedException(); }
    /// <summary>Bytes written so far.</summary>
    public override long Length => position;
    /// <summary>False: write only.</summary>
    public override bool CanRead => false;
    /// <summary>False: written front to back.</summary>
    public override bool CanSeek => false;
    /// <summary>True until committed or disposed.</summary>
    public override bool CanWrite => !committed && !disposed;
    /// <summary>Not supported: write only.</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    /// <summary>Not supported: written front to back.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <summary>Not supported: written front to back.</summary>
    public override void SetLength(long value) => throw new NotSupportedException();

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed) throw new InvalidOperationException($"'{TargetPath}' was already committed");
    }
}
