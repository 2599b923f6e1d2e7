using System.Text;

namespace VqDna.IO;

/// <summary>
/// Reads a codes file record by record with each record's codes in chunks, so memory stays bounded
/// whatever the record length. TSV is indexed in one pass (where each record's level fields start and
/// end), then each level is read through its own file handle, all in step. JSONL records are parsed
/// whole (<see cref="CodesFile.Read"/>): use TSV for chromosome-length records.
/// </summary>
public sealed class CodesReader : IDisposable
{
    private readonly string _path;
    private readonly IEnumerator<Entry> _entries;
    private FieldReader[]? _fields;
    private RecordCodes? _whole;
    private int _wholeAt;
    private bool _current;

    private sealed record Entry(string Id, int Length, long Line, long[] Starts, long[] Ends, RecordCodes? Whole);

    /// <summary>Opens <paramref name="path"/>; the format is <paramref name="format"/>, else the file's extension.</summary>
    public CodesReader(string path, CodesFormat? format = null)
    {
        if (format is null) CodesFile.CheckExtension(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"codes file '{path}' not found", path);
        _path = path;
        _entries = ((format ?? CodesFile.FormatOf(path)) == CodesFormat.JsonLines
            ? CodesFile.Read(path, CodesFormat.JsonLines).Select(r => new Entry(r.Id, r.Length, 0, [], [], r))
            : IndexTsv(path)).GetEnumerator();
    }

    /// <summary>Quantizer levels in the file (known once the first record or the TSV header has been read).</summary>
    public int Levels { get; private set; }

    /// <summary>The current record's id.</summary>
    public string Id { get; private set; } = "";

    /// <summary>The current record's length (positions).</summary>
    public int Length { get; private set; }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool NextRecord()
    {
        _whole = null;
        _current = false;
        if (!_entries.MoveNext()) return false;
        _current = true;
        var e = _entries.Current;
        (Id, Length) = (e.Id, e.Length);
        if (e.Whole is not null)
        {
            _whole = e.Whole;
            _wholeAt = 0;
            Levels = e.Whole.Levels.Length;
        }
        else
        {
            _fields ??= Enumerable.Range(1, e.Starts.Length).Select(level => new FieldReader(_path, level)).ToArray();
            for (int l = 0; l < _fields.Length; l++) _fields[l].Seek(e.Starts[l], e.Ends[l], e.Line);
        }
        return true;
    }

    /// <summary>
    /// Fills every level's array from 0 with the current record's next codes (as many as the arrays hold);
    /// returns the count, 0 at the record's end. A level with fewer or more codes than the length is an error.
    /// </summary>
    public int Read(int[][] destination)
    {
        if (_whole is not null)
        {
            int n = Math.Min(destination[0].Length, _whole.Length - _wholeAt);
            for (int l = 0; l < _whole.Levels.Length; l++) _whole.Levels[l].AsSpan(_wholeAt, n).CopyTo(destination[l]);
            _wholeAt += n;
            return n;
        }
        if (_fields is null || !_current) return 0;
        var counts = new int[_fields.Length];
        for (int l = 0; l < _fields.Length; l++) counts[l] = _fields[l].Read(destination[l]);
        for (int l = 0; l < _fields.Length; l++)
            if (_fields[l].Total > Length) throw Error(_path, _fields[l].Line, $"level {l + 1} has more codes than length says ({Length})");
        int fewest = Array.IndexOf(counts, counts.Min());
        if (counts[fewest] != counts.Max() || counts[fewest] == 0 && _fields[fewest].Total != Length)
            throw Error(_path, _fields[fewest].Line, $"level {fewest + 1} has {_fields[fewest].Total} codes but length says {Length}");
        return counts[0];
    }

    /// <summary>One pass over a TSV codes file: each record's id, length and the byte range of each level field.</summary>
    private IEnumerable<Entry> IndexTsv(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 16];
        var ready = new List<Entry>();
        var text = new StringBuilder();            // the header line, or field 0 or 1 of a record line
        var starts = new List<long>();
        var ends = new List<long>();
        bool header = true;
        int field = 0, length = 0;
        long line = 1, offset = 0;
        string id = "";
        for (int n; (n = file.Read(buffer, 0, buffer.Length)) > 0; offset += n)
        {
            for (int i = 0; i < n; i++)
            {
                byte b = buffer[i];
                long at = offset + i;
                if (b == (byte)'\n') { EndLine(at); continue; }
                if (b == (byte)'\t' && !header)
                {
                    if (field == 0) id = text.ToString();
                    else if (field == 1) length = ParseLength(text.ToString(), path, line);
                    else ends.Add(at);
                    text.Clear();
                    field++;
                    if (field >= 2) starts.Add(at + 1);
                    continue;
                }
                if (field < 2)
                {
                    if (text.Length >= 1 << 16) throw Error(path, line, header ? "the header line is too long" : "the id or length field is too long");
                    text.Append((char)b);
                }
            }
            foreach (var entry in ready) yield return entry;
            ready.Clear();
        }
        EndLine(offset);
        foreach (var entry in ready) yield return entry;
        if (header) throw Error(path, 0, "the file is empty");

        void EndLine(long at)
        {
            bool blank = field == 0 && text.ToString().Trim().Length == 0;
            if (blank) { }
            else if (header)
            {
                var h = text.ToString().TrimEnd('\r').Split('\t');
                if (h.Length < 3 || h[0] != "id" || h[1] != "length")
                    throw Error(path, line, "expected the header 'id, length, level1…' (tab-separated)");
                Levels = h.Length - 2;
                header = false;
            }
            else
            {
                if (field >= 2) ends.Add(at);
                if (field != Levels + 1)
                    throw Error(path, line, $"expected {Levels + 2} tab-separated fields, found {field + 1}");
                ready.Add(new Entry(id, length, line, starts.ToArray(), ends.ToArray(), null));
            }
            line++;
            text.Clear();
            starts.Clear();
            ends.Clear();
            field = 0;
        }
    }

    private static int ParseLength(string text, string path, long line) =>
        int.TryParse(text.TrimEnd('\r'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value : throw Error(path, line, $"length '{text}' is not a non-negative integer");

    private void CloseFields()
    {
        if (_fields is null) return;
        foreach (var f in _fields) f.Dispose();
        _fields = null;
    }

    /// <summary>Closes every file handle the reader opened.</summary>
    public void Dispose()
    {
        CloseFields();
        _entries.Dispose();
    }

    internal static InvalidDataException Error(string path, long line, string message) =>
        new(line > 0 ? $"{path}, line {line}: {message}" : $"{path}: {message}");

    /// <summary>Space-separated codes between two byte offsets of the file.</summary>
    private sealed class FieldReader : IDisposable
    {
        private readonly FileStream _file;
        private readonly string _path;
        private readonly int _level;
        private long _left;
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _pos, _len;

        public FieldReader(string path, int level)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            (_path, _level) = (path, level);
        }

        /// <summary>Moves to the field [start, end) of the record on <paramref name="line"/>.</summary>
        public void Seek(long start, long end, long line)
        {
            _file.Position = start;
            (_left, Line, Total, _pos, _len) = (end - start, line, 0, 0, 0);
        }

        public long Line { get; private set; }

        public long Total { get; private set; }

        public int Read(int[] destination)
        {
            int count = 0;
            while (count < destination.Length)
            {
                if (!SkipSeparators()) break;
                destination[count] = ParseCode(Total + count + 1);
                count++;
            }
            Total += count;
            return count;
        }

        private bool SkipSeparators()
        {
            while (true)
            {
                if (_pos == _len && !Fill()) return false;
                byte b = _buffer[_pos];
                if (b is (byte)' ' or (byte)'\r') { _pos++; continue; }
                return true;
            }
        }

        /// <param name="number">The code's 1-based position in its field, for errors.</param>
        private int ParseCode(long number)
        {
            bool negative = false;
            long value = 0;
            int digits = 0;
            if (_buffer[_pos] == (byte)'-') { negative = true; _pos++; }
            while (_pos < _len || Fill())
            {
                byte b = _buffer[_pos];
                if (b is (byte)' ' or (byte)'\r') break;
                if (b < (byte)'0' || b > (byte)'9' || digits > 9)
                    throw Error(_path, Line, $"a level-{_level} code (number {number} of the field) is not an integer: unexpected '{(char)b}'");
                value = value * 10 + (b - '0');
                digits++;
                _pos++;
            }
            if (value > int.MaxValue)
                throw Error(_path, Line, $"a level-{_level} code (number {number} of the field) is {value}, past the largest code {int.MaxValue}");
            if (digits == 0 || negative && value != 1)
                throw Error(_path, Line, $"a level-{_level} code (number {number} of the field) is not a code: expected a non-negative integer, or -1 for N");
            return negative ? -1 : (int)value;
        }

        private bool Fill()
        {
            if (_left == 0) return false;
            _pos = 0;
            _len = _file.Read(_buffer, 0, (int)Math.Min(_buffer.Length, _left));
            if (_len <= 0) { _left = 0; _len = 0; return false; }
            _left -= _len;
            return true;
        }

        public void Dispose() => _file.Dispose();
    }
}
