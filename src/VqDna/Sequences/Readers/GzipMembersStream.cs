using System.IO.Compression;

namespace VqDna.Sequences.Readers;

/// <summary>
/// Decompresses a gzip file member by member, as `gzip -d` does: a file may be several gzip members
/// one after another (`cat a.gz b.gz`, bgzip's BGZF blocks), and each member's trailer (CRC-32 and size
/// mod 2^32) is checked, so truncation and corruption are errors, not silently shorter output (.NET's
/// GZipStream accepts a truncated file). Forward-only: it never seeks, so standard input works.
/// </summary>
/// <remarks>
/// .NET does not say where a member's deflate data ends, so the deflate stream is fed in small slices
/// and, when it reports its end, the trailer is found within the last slice by its content (the CRC and
/// size of what the member decompressed to: a false match has probability ~2^-64).
/// </remarks>
internal sealed class GzipMembersStream : ReadOnlyStream
{
    private const int Slice = 4096;
    private readonly Stream _source;
    private readonly string _path;
    private byte[] _buffer = new byte[1 << 17];
    private int _start, _end;                 // unread compressed bytes: _buffer[_start.._end)
    private int _sliceStart = -1;             // start of the oldest compressed bytes kept for the trailer search (-1: none)
    private int _lastSliceStart = -1;         // where the slice last handed to the inflater began
    private DeflateStream? _inflater;
    private uint _crc;
    private long _memberSize, _memberOffset;  // decompressed bytes of this member; compressed offset of its header
    private long _consumed;                   // compressed bytes before _buffer[0]
    private int _members;
    private bool _done;

    /// <param name="source">The compressed bytes (not disposed by this stream's caller: this stream owns it).</param>
    /// <param name="head">Bytes already read from <paramref name="source"/> (magic-number sniffing), in order.</param>
    /// <param name="path">The file name used in errors.</param>
    public GzipMembersStream(Stream source, ReadOnlySpan<byte> head, string path)
    {
        _source = source;
        _path = path;
        head.CopyTo(_buffer);
        _end = head.Length;
        if (!StartMember()) throw SequenceFormatException.Unreadable(_path, "the gzip file is empty");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done && buffer.Length > 0)
        {
            int n;
            try { n = _inflater!.Read(buffer); }
            catch (InvalidDataException e) { throw Corrupt($"corrupt deflate data ({e.Message})"); }
            if (n > 0)
            {
                _crc = Crc32.Update(_crc, buffer[..n]);
                _memberSize += n;
                return n;
            }
            FinishMember();
            if (!StartMember()) _done = true;
        }
        return 0;
    }

    /// <summary>Parses the next member's header (RFC 1952 §2.3); false at a clean end of file.</summary>
    private bool StartMember()
    {
        if (!Fill(1)) return false;
        if (_members > 0 && IsZeroPadding()) return false;
        _memberOffset = _consumed + _start;
        if (!Fill(10)) throw Truncated("inside a gzip header");
        var h = _buffer.AsSpan(_start, 10);
        if (h[0] != 0x1f || h[1] != 0x8b)
            throw Corrupt(_members == 0 ? "not a gzip file" : "bytes after the last gzip member are not another gzip member");
        if (h[2] != 8) throw Corrupt($"unknown gzip compression method {h[2]}");
        byte flags = h[3];
        if ((flags & 0xe0) != 0) throw Corrupt("reserved gzip header flags are set");
        _start += 10;
        if ((flags & 4) != 0)                                                    // FEXTRA
        {
            if (!Fill(2)) throw Truncated("inside a gzip header");
            int extra = _buffer[_start] | _buffer[_start + 1] << 8;
            _start += 2;
            if (!Fill(extra)) throw Truncated("inside a gzip header");
            _start += extra;
        }
        if ((flags & 8) != 0) SkipZeroTerminated();                               // FNAME
        if ((flags & 16) != 0) SkipZeroTerminated();                              // FCOMMENT
        if ((flags & 2) != 0)                                                     // FHCRC
        {
            if (!Fill(2)) throw Truncated("inside a gzip header");
            _start += 2;
        }
        _inflater = new DeflateStream(new SliceFeeder(this), CompressionMode.Decompress);
        _crc = 0;
        _memberSize = 0;
        _members++;
        return true;
    }

    /// <summary>Finds this member's 8-byte trailer after its deflate data, checks it, and moves past it.</summary>
    private void FinishMember()
    {
        _inflater!.Dispose();
        _inflater = null;
        bool complete = Fill(8);                                                   // the last slice stays, plus 8 bytes after it
        Span<byte> trailer = stackalloc byte[8];
        BitConverter.TryWriteBytes(trailer, _crc);
        BitConverter.TryWriteBytes(trailer[4..], (uint)_memberSize);
        int searchEnd = Math.Min(_end, _start + 8);
        int at = _sliceStart < 0 ? -1 : _buffer.AsSpan(_sliceStart, searchEnd - _sliceStart).IndexOf(trailer);
        if (at < 0)
        {
            throw !complete
                ? Truncated($"in gzip member {_members} (it decompressed to {_memberSize} bytes but its trailer is missing or wrong)")
                : Corrupt($"gzip member {_members}'s trailer does not match its data (CRC-32 or size differs)");
        }
        _start = _sliceStart + at + 8;
        _sliceStart = _lastSliceStart = -1;
    }

    private bool IsZeroPadding()
    {
        // Some tools pad a gzip file with zeros (tape blocks); gzip ignores them too.
        while (true)
        {
            if (_buffer.AsSpan(_start, _end - _start).ContainsAnyExcept((byte)0)) return false;
            _start = _end;
            if (!Fill(1)) return true;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            int zero = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)0);
            if (zero >= 0) { _start += zero + 1; return; }
            _start = _end;
            if (!Fill(1)) throw Truncated("inside a gzip header");
        }
    }

    /// <summary>Ensures at least <paramref name="count"/> unread bytes from _start (fewer only at end of input).</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count) return true;
        int keep = _sliceStart < 0 ? _start : Math.Min(_start, _sliceStart);   // the slice last inflated stays until its member ends
        if (keep > 0)
        {
            Buffer.BlockCopy(_buffer, keep, _buffer, 0, _end - keep);
            _consumed += keep;
            _start -= keep; _end -= keep;
            if (_sliceStart >= 0) _sliceStart -= keep;
            if (_lastSliceStart >= 0) _lastSliceStart -= keep;
        }
        if (count > _buffer.Length - _start) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _start + count));
        while (_end - _start < count)
        {
            int n = _source.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }

    private SequenceFormatException Truncated(string where) =>
        SequenceFormatException.Unreadable(_path, $"the gzip stream is truncated or corrupt: it ends {where}");

    private SequenceFormatException Corrupt(string problem) =>
        SequenceFormatException.Unreadable(_path, $"the gzip stream is truncated or corrupt: {problem} (member {Math.Max(1, _members)}, at byte {_memberOffset})");

    /// <summary>Hands the inflater the compressed bytes in slices of at most <see cref="Slice"/>, remembering the last.</summary>
    private sealed class SliceFeeder(GzipMembersStream owner) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var o = owner;
            // The deflate data may end in this slice or, at a byte boundary, right at the end of the one before.
            o._sliceStart = o._lastSliceStart;
            if (!o.Fill(1)) return 0;
            o._sliceStart = o._lastSliceStart = o._start;
            int n = Math.Min(Math.Min(buffer.Length, Slice), o._end - o._start);
            o._buffer.AsSpan(o._start, n).CopyTo(buffer);
            o._start += n;
            return n;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _inflater?.Dispose(); _source.Dispose(); }
        base.Dispose(disposing);
    }
}
