namespace VqDna.Sequences.Readers;

/// <summary>
/// Reads sequence files record by record with each record's bases in chunks, so a chromosome is never
/// one string: memory is a fixed buffer whatever the record length (issue 7, defect 7). FASTA is parsed
/// character by character (an unwrapped 60 Mbp line costs no more than a wrapped one); FASTQ and GenBank
/// records, short by nature, are read whole and handed out in chunks. Bases are normalised as by
/// <see cref="SequenceFile"/>: upper case, U → T, ambiguity codes → N (counted, or refused when strict).
/// </summary>
/// <example>
/// <code>
/// using var reader = SequenceStreamReader.Open("chr20.fa.gz");
/// var buffer = new char[1 &lt;&lt; 16];
/// while (reader.NextRecord())
///     for (int n; (n = reader.Read(buffer)) &gt; 0;) Consume(reader.Id, buffer.AsSpan(0, n));
/// </code>
/// </example>
public sealed class SequenceStreamReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly SequenceReadOptions _options;
    private readonly IEnumerator<SequenceRecord>? _records;   // FASTQ, GenBank: whole records
    private SequenceRecord? _record;
    private int _recordAt;
    private readonly char[] _buffer = new char[1 << 16];      // FASTA: raw characters
    private int _pos, _len;
    private bool _eof, _inRecord;
    private bool _atLineStart = true;
    private long _line = 1;                                   // 1-based line of _buffer[_pos]
    private int _column;                                      // characters of that line before _pos
    private AmbiguityCounter _counts;

    /// <summary>Reads <paramref name="reader"/>, named <paramref name="source"/> in errors.</summary>
    public SequenceStreamReader(TextReader reader, string source, SequenceReadOptions? options = null)
    {
        _reader = reader;
        Source = source;
        _options = options ?? SequenceReadOptions.Default;
        SkipBlank();
        if (_eof) { Format = SequenceFormat.Fasta; return; }
        if (_buffer[_pos] == '>') { Format = SequenceFormat.Fasta; return; }
        // Not FASTA: hand the rest (first line included) to the record readers.
        var rest = new PrefixedReader(new string(_buffer, _pos, _len - _pos), reader);
        var lines = new LineReader(rest, source);
        var first = lines.NextNonBlank();
        if (first is null)
        {
            // Only whitespace that SkipBlank leaves (\v, \f, Unicode spaces): an empty file, as SequenceFile reads it.
            Format = SequenceFormat.Fasta;
            _records = Enumerable.Empty<SequenceRecord>().GetEnumerator();
            return;
        }
        lines.PushBack(first);
        Format = SequenceFile.Detect(first, lines);
        _records = (Format == SequenceFormat.Fastq ? FastqReader.Read(lines, _options) : GenBankReader.Read(lines, _options)).GetEnumerator();
    }

    /// <summary>Opens <paramref name="path"/> ("-": standard input), decompressing as <see cref="CompressedFile"/> does.</summary>
    public static SequenceStreamReader Open(string path, SequenceReadOptions? options = null) =>
        new(CompressedFile.OpenText(path), CompressedFile.DisplayName(path), options);

    /// <summary>The file name used in errors.</summary>
    public string Source { get; }

    /// <summary>The file's format, from its first non-blank character.</summary>
    public SequenceFormat Format { get; }

    /// <summary>The current record's identifier.</summary>
    public string Id { get; private set; } = "";

    /// <summary>The rest of the current record's header line.</summary>
    public string Description { get; private set; } = "";

    /// <summary>Bases of the current record handed out so far.</summary>
    public long Length { get; private set; }

    /// <summary>N positions among them (ambiguity codes read as N included).</summary>
    public long NBases => _record is null ? _counts.N : CountN(_record.Sequence.AsSpan(0, _recordAt));

    /// <summary>Ambiguity codes other than N read as N among them.</summary>
    public long AmbiguousBases => _record is null ? _counts.Ambiguous : _recordAt == _record.Length ? _record.AmbiguousBases : 0;

    /// <summary>Moves to the next record (skipping what is left of this one); false at the end of the file.</summary>
    public bool NextRecord()
    {
        Length = 0;
        _counts = new AmbiguityCounter(_options.Strict);
        if (_records is not null)
        {
            if (!_records.MoveNext()) { _record = null; return false; }
            _record = _records.Current;
            _recordAt = 0;
            (Id, Description) = (_record.Id, _record.Description);
            return true;
        }
        Span<char> skip = stackalloc char[4096];
        while (_inRecord && Read(skip) > 0) { }
        SkipBlank();
        if (_eof) return false;
        if (_buffer[_pos] != '>')
            throw SequenceFormatException.Malformed(Source, null, _line, "expected a '>' header line before any sequence");
        ReadHeader();
        _inRecord = true;
        return true;
    }

    /// <summary>
    /// Copies the next normalised bases of the current record into <paramref name="destination"/>; returns
    /// how many (fewer than asked only at the record's end), 0 once the record is done.
    /// </summary>
    public int Read(Span<char> destination)
    {
        if (_records is not null)
        {
            if (_record is null) return 0;
            int n = Math.Min(destination.Length, _record.Length - _recordAt);
            _record.Sequence.AsSpan(_recordAt, n).CopyTo(destination);
            _recordAt += n;
            Length += n;
            return n;
        }
        int written = 0;
        while (_inRecord && written < destination.Length)
        {
            if (_pos == _len && !Fill()) { _inRecord = false; break; }
            if (_atLineStart && _buffer[_pos] == '>') { _inRecord = false; break; }
            // The rest of this line (or of the buffer), normalised in one pass.
            int end = Array.IndexOf(_buffer, '\n', _pos, _len - _pos);
            int stop = end < 0 ? _len : end;
            var text = _buffer.AsSpan(_pos, Math.Min(stop - _pos, destination.Length - written));
            int bad = Nucleotides.Normalize(text, destination[written..], ref _counts, out int produced);
            if (bad >= 0)
                throw SequenceFormatException.Refused(_counts, Source, Id, _line, text[bad], _column + bad + 1);
            written += produced;
            _pos += text.Length;
            _column += text.Length;
            _atLineStart = false;
            if (_pos == end) { _pos++; NewLine(); }
        }
        Length += written;
        return written;
    }

    private void ReadHeader()
    {
        var header = new System.Text.StringBuilder();
        _pos++;                                                               // '>'
        while (true)
        {
            if (_pos == _len && !Fill()) break;
            int end = Array.IndexOf(_buffer, '\n', _pos, _len - _pos);
            if (end < 0) { header.Append(_buffer, _pos, _len - _pos); _pos = _len; continue; }
            header.Append(_buffer, _pos, end - _pos);
            _pos = end + 1;
            break;
        }
        long headerLine = _line;
        NewLine();
        var text = header.ToString().AsSpan().Trim();
        if (text.IsEmpty) throw SequenceFormatException.Malformed(Source, null, headerLine, "empty record name after '>'");
        int space = text.IndexOfAny(' ', '\t');
        (Id, Description) = space < 0 ? (text.ToString(), "") : (text[..space].ToString(), text[(space + 1)..].Trim().ToString());
    }

    private void NewLine()
    {
        _line++;
        _column = 0;
        _atLineStart = true;
    }

    /// <summary>Skips blank lines (and whitespace) before a header or the first record.</summary>
    private void SkipBlank()
    {
        while (true)
        {
            if (_pos == _len && !Fill()) return;
            char c = _buffer[_pos];
            if (c == '\n') { _pos++; NewLine(); continue; }
            if (c is ' ' or '\t' or '\r') { _pos++; _column++; continue; }
            return;
        }
    }

    private bool Fill()
    {
        if (_eof) return false;
        _pos = 0;
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        if (_len > 0) return true;
        _eof = true;
        _len = 0;
        return false;
    }

    private static long CountN(ReadOnlySpan<char> s) => s.Count('N');

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _records?.Dispose();
        _reader.Dispose();
    }

    /// <summary>Characters already read, then the rest of a reader.</summary>
    private sealed class PrefixedReader(string head, TextReader rest) : TextReader
    {
        private int _at;

        public override int Peek() => _at < head.Length ? head[_at] : rest.Peek();

        public override int Read() => _at < head.Length ? head[_at++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_at >= head.Length) return rest.Read(buffer);
            int n = Math.Min(buffer.Length, head.Length - _at);
            head.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
