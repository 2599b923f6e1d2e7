using System.Text.Json;

namespace VqDna.IO;

/// <summary>
/// Writes a codes file (<see cref="CodesFile"/>'s formats) as the codes are produced, block by block, with
/// memory bounded whatever the record length: a record is one line whose levels follow one another, so
/// every level after the first is held until the record ends, in memory up to a few megabytes and in a
/// temporary file (deleted on close) beyond.
/// </summary>
public sealed class CodesWriter : IDisposable
{
    private readonly TextWriter _output;
    private readonly bool _jsonLines;
    private readonly LevelText[] _levels;
    private string? _id;
    private long _length;

    /// <param name="output">Where the file goes (header written now for TSV).</param>
    /// <param name="jsonLines">JSONL (one object per record) instead of TSV.</param>
    /// <param name="levels">Quantizer levels: one column or list each.</param>
    public CodesWriter(TextWriter output, bool jsonLines, int levels)
    {
        if (levels < 1) throw new ArgumentOutOfRangeException(nameof(levels), levels, "need at least one level");
        (_output, _jsonLines) = (output, jsonLines);
        _levels = Enumerable.Range(0, levels).Select(_ => new LevelText(jsonLines ? ',' : ' ')).ToArray();
        if (!jsonLines) output.WriteLine("id\tlength\t" + string.Join("\t", Enumerable.Range(1, levels).Select(l => $"level{l}")));
    }

    /// <summary>Starts a record; the previous one must have ended.</summary>
    public void BeginRecord(string id)
    {
        if (_id is not null) throw new InvalidOperationException($"record '{_id}' has not ended");
        if (!_jsonLines && (id.Contains('\t') || id.Contains('\n')))
            throw new ArgumentException($"record id '{id}' contains a tab or a line break, which a TSV codes file cannot hold: use .jsonl");
        _id = id;
        _length = 0;
        foreach (var level in _levels) level.Clear();
    }

    /// <summary>Appends the next <paramref name="count"/> positions: <paramref name="codes"/>[level][0..count).</summary>
    public void Append(int[][] codes, int count)
    {
        if (_id is null) throw new InvalidOperationException("no record has begun");
        if (codes.Length != _levels.Length) throw new ArgumentException($"expected {_levels.Length} level(s), got {codes.Length}");
        for (int l = 0; l < _levels.Length; l++) _levels[l].Append(codes[l].AsSpan(0, count));
        _length += count;
    }

    /// <summary>Writes the record's line.</summary>
    public void EndRecord()
    {
        if (_id is null) throw new InvalidOperationException("no record has begun");
        if (_jsonLines)
        {
            _output.Write("{\"id\":");
            _output.Write(JsonSerializer.Serialize(_id));
            _output.Write($",\"length\":{_length},\"levels\":[");
            for (int l = 0; l < _levels.Length; l++)
            {
                _output.Write(l == 0 ? "[" : ",[");
                _levels[l].CopyTo(_output);
                _output.Write(']');
            }
            _output.Write("]}\n");
        }
        else
        {
            _output.Write($"{_id}\t{_length}");
            foreach (var level in _levels)
            {
                _output.Write('\t');
                level.CopyTo(_output);
            }
            _output.Write('\n');
        }
        _id = null;
    }

    /// <summary>Frees every level's buffer and deletes any temporary file it spilled to.</summary>
    public void Dispose()
    {
        foreach (var level in _levels) level.Dispose();
    }

    /// <summary>One level's codes as text: a char buffer that moves to a temporary file past <see cref="InMemory"/>.</summary>
    private sealed class LevelText(char separator) : IDisposable
    {
        private const int InMemory = 1 << 20;
        private char[] _chars = new char[1 << 12];
        private int _count;
        private bool _any;
        private FileStream? _spill;
        private StreamWriter? _spillWriter;

        public void Clear()
        {
            _count = 0;
            _any = false;
            _spillWriter?.Flush();
            _spill?.SetLength(0);
        }

        public void Append(ReadOnlySpan<int> codes)
        {
            foreach (int code in codes)
            {
                if (_chars.Length - _count < 16)
                {
                    if (_chars.Length < InMemory) Array.Resize(ref _chars, _chars.Length * 2);
                    else Spill();
                }
                if (_any) _chars[_count++] = separator;
                _any = true;
                code.TryFormat(_chars.AsSpan(_count), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
                _count += written;
            }
        }

        private void Spill()
        {
            if (_spill is null)
            {
                var path = Path.Combine(Path.GetTempPath(), $"vqdna-codes-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
                _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                _spillWriter = new StreamWriter(_spill, System.Text.Encoding.ASCII, 1 << 16, leaveOpen: true);
            }
            _spillWriter!.Write(_chars, 0, _count);
            _count = 0;
        }

        public void CopyTo(TextWriter output)
        {
            if (_spill is not null && _spill.Length + _count > 0 && _spillWriter is not null)
            {
                _spillWriter.Flush();
                if (_spill.Length > 0)
                {
                    _spill.Position = 0;
                    using var reader = new StreamReader(_spill, System.Text.Encoding.ASCII, false, 1 << 16, leaveOpen: true);
                    var buffer = new char[1 << 16];
                    for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;) output.Write(buffer, 0, n);
                    _spill.Position = _spill.Length;
                }
            }
            output.Write(_chars, 0, _count);
        }

        public void Dispose()
        {
            _spillWriter?.Dispose();
            _spill?.Dispose();
        }
    }
}
