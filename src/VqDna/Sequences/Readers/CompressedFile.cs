using System.Diagnostics;
using System.IO.Compression;

namespace VqDna.Sequences.Readers;

/// <summary>
/// Opens a file for reading, decompressing it when its first bytes say so (never the extension):
/// gzip (and BGZF, which is multi-member gzip) in process; xz, bzip2 and zstd through their
/// command-line tools when present, else a clear error.
/// </summary>
public static class CompressedFile
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] XzMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
    private static readonly byte[] Bzip2Magic = [0x42, 0x5a, 0x68];
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>A readable stream of the file's decompressed bytes.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> head = stackalloc byte[6];
        int n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        head = head[..n];
        if (head.StartsWith(GzipMagic)) return new BufferedStream(new CheckedGzipStream(file, path), 1 << 16);
        string? tool = head.StartsWith(XzMagic) ? "xz" : head.StartsWith(Bzip2Magic) ? "bzip2" : head.StartsWith(ZstdMagic) ? "zstd" : null;
        if (tool is null) return file;
        file.Dispose();
        return ToolStream.Start(tool, path);
    }

    /// <summary>A text reader over the file's decompressed content (UTF-8, ASCII in practice).</summary>
    public static TextReader OpenText(string path) =>
        new StreamReader(OpenRead(path), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>
    /// Gzip decompression that notices truncation, which .NET's GZipStream silently accepts: at
    /// the end, the decompressed size must match the trailer's ISIZE (size mod 2^32), unless the
    /// file ends with the BGZF end-of-file block (bgzip's multi-member format).
    /// </summary>
    private sealed class CheckedGzipStream : ReadOnlyStream
    {
        private static readonly byte[] BgzfEof = Convert.FromHexString("1f8b08040000000000ff0600424302001b0003000000000000000000");
        private readonly FileStream _file;
        private readonly GZipStream _gzip;
        private readonly string _path;
        private long _total;
        private bool _checked;

        public CheckedGzipStream(FileStream file, string path)
        {
            _file = file;
            _gzip = new GZipStream(file, CompressionMode.Decompress);
            _path = path;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try { n = _gzip.Read(buffer); }
            catch (InvalidDataException e) { throw SequenceFormatException.Unreadable(_path, $"corrupt gzip data ({e.Message})"); }
            _total += n;
            if (n == 0 && buffer.Length > 0 && !_checked) { _checked = true; CheckTrailer(); }
            return n;
        }

        private void CheckTrailer()
        {
            using var probe = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (probe.Length >= BgzfEof.Length)
            {
                var tail = new byte[BgzfEof.Length];
                probe.Seek(-tail.Length, SeekOrigin.End);
                probe.ReadExactly(tail);
                if (tail.AsSpan().SequenceEqual(BgzfEof)) return;
                uint isize = BitConverter.ToUInt32(tail, tail.Length - 4);
                if (isize == (uint)_total) return;
                throw SequenceFormatException.Unreadable(_path,
                    $"the gzip stream is truncated or corrupt: it decompressed to {_total} bytes but its trailer records {isize} (mod 2^32); " +
                    "if it is a concatenation of gzip files, recompress it with gzip or bgzip");
            }
            throw SequenceFormatException.Unreadable(_path, "the gzip file is too short to be complete");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) { _gzip.Dispose(); _file.Dispose(); }
            base.Dispose(disposing);
        }

    }

    /// <summary>Reads stdout of `tool -dc path`; disposing checks the exit code.</summary>
    private sealed class ToolStream : ReadOnlyStream
    {
        private readonly Process _process;
        private readonly Stream _stdout;
        private readonly Task<string> _stderr;
        private readonly string _tool;
        private readonly string _path;

        private ToolStream(Process process, string tool, string path)
        {
            _process = process;
            _stdout = process.StandardOutput.BaseStream;
            _stderr = process.StandardError.ReadToEndAsync();
            _tool = tool;
            _path = path;
        }

        public static Stream Start(string tool, string path)
        {
            var info = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-dc");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(path);
            try
            {
                var process = Process.Start(info) ?? throw new InvalidOperationException();
                return new ToolStream(process, tool, path);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                throw SequenceFormatException.Unreadable(path,
                    $"the file is {tool}-compressed but the `{tool}` tool could not be started ({e.Message}); " +
                    $"install it (Debian package {(tool == "xz" ? "xz-utils" : tool)}) or decompress the file first");
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = _stdout.Read(buffer);
            if (n == 0 && buffer.Length > 0) CheckExit();
            return n;
        }

        private void CheckExit()
        {
            _process.WaitForExit();
            if (_process.ExitCode != 0)
                throw SequenceFormatException.Unreadable(_path, $"`{_tool} -dc` failed with exit code {_process.ExitCode}: {_stderr.Result.Trim()}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!_process.HasExited) { try { _process.Kill(); } catch (InvalidOperationException) { } }
                _stdout.Dispose();
                _process.Dispose();
            }
            base.Dispose(disposing);
        }

    }

    /// <summary>The parts of Stream a forward-only, read-only decompressor does not support.</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
