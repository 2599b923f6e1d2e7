using System.Diagnostics;
using System.IO.Compression;

namespace VqDna.Sequences.Readers;

/// <summary>
/// Opens a file for reading, decompressing it when its first bytes say so (never the extension):
/// gzip (one member or several, as `cat a.gz b.gz` and bgzip write) in process; xz, bzip2 and zstd
/// through their command-line tools when present, else a clear error. The path "-" is standard input:
/// the first bytes are buffered for the sniffing, so nothing needs to seek.
/// </summary>
public static class CompressedFile
{
    /// <summary>The path that stands for standard input.</summary>
    public const string StandardInput = "-";

    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] XzMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
    private static readonly byte[] Bzip2Magic = [0x42, 0x5a, 0x68];
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The name used for <paramref name="path"/> in messages ("standard input" for "-").</summary>
    public static string DisplayName(string path) => path == StandardInput ? "standard input" : path;

    /// <summary>A readable stream of the file's decompressed bytes ("-": standard input).</summary>
    public static Stream OpenRead(string path)
    {
        if (path == StandardInput) return OpenRead(Console.OpenStandardInput(1 << 16), DisplayName(path));
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = Sniff(file);
        if (head.Length < XzMagic.Length) RefuseCutMagic(head, path);
        if (head.Length == 0 && CompressedExtension(path) is { } extension)
        {
            // Issue 19: an empty file has no magic number, so it read as an empty plain file; its name says a compressed
            // stream (at least a header) was meant: a download or copy cut short.
            file.Dispose();
            throw SequenceFormatException.Unreadable(path, $"the file is empty (0 bytes) but its name ends in {extension}: a compressed file holds at least a header; was a download or copy cut short?");
        }
        if (ToolFor(head) is { } tool)
        {
            file.Dispose();
            return ToolStream.Start(tool, path, input: null);                  // the tool reads the file itself
        }
        return Decompress(file, head, path);
    }

    /// <summary>
    /// The decompressed bytes of a forward-only stream (a pipe, standard input), named <paramref name="name"/>
    /// in errors. The returned stream owns <paramref name="source"/>.
    /// </summary>
    public static Stream OpenRead(Stream source, string name)
    {
        var head = Sniff(source);
        if (head.Length < XzMagic.Length) RefuseCutMagic(head, name);
        if (ToolFor(head) is { } tool) return ToolStream.Start(tool, name, input: new PrefixedStream(head, source));
        return Decompress(source, head, name);
    }

    private static byte[] Sniff(Stream source)
    {
        var head = new byte[6];
        int n = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..n];
    }

    /// <summary>
    /// Refuses a whole stream shorter than a compression magic number that begins like one (issue 19: a 2-byte xz file
    /// was read as text, "unknown sequence format"): it is a compressed file cut short.
    /// </summary>
    private static void RefuseCutMagic(byte[] head, string name)
    {
        foreach (var (magic, format) in new[] { (GzipMagic, "gzip"), (XzMagic, "xz"), (Bzip2Magic, "bzip2"), (ZstdMagic, "zstd") })
            if (head.Length > 0 && head.Length < magic.Length && magic.AsSpan().StartsWith(head))
                throw SequenceFormatException.Unreadable(name, $"the file ends after {head.Length} byte(s), inside a {format} header: it is truncated");
    }

    /// <summary>The compressed-file extension <paramref name="path"/> ends in (any case), or null.</summary>
    private static string? CompressedExtension(string path) =>
        CompressedExtensions.FirstOrDefault(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } e ? path[^e.Length..] : null;

    private static readonly string[] CompressedExtensions = [".gz", ".bgz", ".xz", ".bz2", ".zst"];

    private static string? ToolFor(ReadOnlySpan<byte> head) =>
        head.StartsWith(XzMagic) ? "xz" : head.StartsWith(Bzip2Magic) ? "bzip2" : head.StartsWith(ZstdMagic) ? "zstd" : null;

    private static Stream Decompress(Stream source, byte[] head, string name) =>
        head.AsSpan().StartsWith(GzipMagic)
            ? new BufferedStream(new GzipMembersStream(source, head, name), 1 << 16)
            : new PrefixedStream(head, source);

    /// <summary>A text reader over the file's decompressed content (UTF-8, ASCII in practice).</summary>
    public static TextReader OpenText(string path) => Text(OpenRead(path));

    /// <summary>A text reader over a forward-only stream's decompressed content (see <see cref="OpenRead(Stream, string)"/>).</summary>
    public static TextReader OpenText(Stream source, string name) => Text(OpenRead(source, name));

    private static StreamReader Text(Stream stream) =>
        new(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);

    /// <summary>Bytes already read (the sniffed head), then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] head, Stream rest) : ReadOnlyStream
    {
        private int _at;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_at < head.Length)
            {
                int n = Math.Min(buffer.Length, head.Length - _at);
                head.AsSpan(_at, n).CopyTo(buffer);
                _at += n;
                return n;
            }
            return rest.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
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

        /// <summary>`tool -dc -- path`, or `tool -dc` fed from <paramref name="input"/> (standard input) when given.</summary>
        public static Stream Start(string tool, string path, Stream? input)
        {
            var info = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = input is not null,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-dc");
            if (input is null)
            {
                info.ArgumentList.Add("--");
                info.ArgumentList.Add(path);
            }
            try
            {
                var process = Process.Start(info) ?? throw new InvalidOperationException();
                if (input is not null)
                {
                    var stdin = process.StandardInput.BaseStream;
                    _ = Task.Run(async () =>
                    {
                        // A tool that stops reading (bad data) closes the pipe: that is its error to report, not ours.
                        try { await input.CopyToAsync(stdin); } catch (IOException) { }
                        finally { try { stdin.Dispose(); } catch (IOException) { } input.Dispose(); }
                    });
                }
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
                throw SequenceFormatException.Unreadable(_path, $"`{_tool} -dc` failed with exit code {_process.ExitCode}: {FirstLine(_stderr.Result)}");
        }

        /// <summary>The tool's first line of complaint (bzip2 adds a dozen lines of advice), without a dangling ';'.</summary>
        private static string FirstLine(string stderr) =>
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.TrimEnd(';', ',') ?? "(no message)";

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
}
