namespace VqDna.Tokenizers.Learned;

/// <summary>
/// Streams positions through a network in stitched windows (<see cref="SlidingWindows"/>), with N runs as
/// breaks: each run of known bases (a segment) is planned on its own, exactly as a record of that length
/// would be, so bases outside an N run are computed as if the run were the end of the sequence, which the
/// network has seen in training (every window has ends). Windows are cut as soon as their input has arrived,
/// batched while consecutive windows share a length, and results come out in position order, N runs
/// included; memory is one batch and one window's input, whatever the record length.
/// </summary>
/// <typeparam name="TResult">What one batch's run returns, handed back to emit each core.</typeparam>
internal sealed class SegmentedWindows<TResult>
{
    /// <summary>Runs one batch: per channel, rows × length inputs (row-major; only the first rows·length are valid).</summary>
    public delegate TResult RunBatch(long[][] inputs, int rows, int length);

    /// <summary>Hands out the core of a window: its batch row, the core's offset in the row, its absolute start and length.</summary>
    public delegate void EmitCore(TResult result, int row, int offset, long start, int length);

    private readonly int _window, _margin, _core, _channels;
    private readonly Func<int, int> _rowsPerBatch;
    private readonly RunBatch _run;
    private readonly EmitCore _emitCore;
    private readonly Action<long, long> _emitN;

    private long _position;                  // absolute position of the next input
    private long _segmentStart, _segmentLength;
    private long _bufferBase;                // segment position of _buffer[c][0]
    private int _bufferCount;
    private long[][] _buffer;
    private long _nextWindow;                // index of the segment's next window

    private long[][] _batch;
    private int _rows, _batchLength;
    private readonly List<Entry> _queue = [];

    private readonly record struct Entry(int Row, int Offset, long Start, long Length);   // Row −1: an N run

    public SegmentedWindows(int window, int margin, int channels, Func<int, int> rowsPerBatch, RunBatch run, EmitCore emitCore, Action<long, long> emitN)
    {
        if (window <= 2 * margin) throw new ArgumentOutOfRangeException(nameof(window), window, $"must exceed twice the margin ({2 * margin})");
        (_window, _margin, _core, _channels) = (window, margin, window - 2 * margin, channels);
        (_rowsPerBatch, _run, _emitCore, _emitN) = (rowsPerBatch, run, emitCore, emitN);
        _buffer = Enumerable.Range(0, channels).Select(_ => new long[2 * window]).ToArray();
        _batch = Enumerable.Range(0, channels).Select(_ => Array.Empty<long>()).ToArray();
    }

    /// <summary>Appends <paramref name="count"/> known positions (per channel, from <paramref name="offset"/>).</summary>
    public void Append(long[][] values, int offset, int count)
    {
        while (count > 0)
        {
            Compact();
            int room = Math.Max(_window, 1 << 14);
            if (_buffer[0].Length < _bufferCount + room)
                for (int c = 0; c < _channels; c++) Array.Resize(ref _buffer[c], _bufferCount + room);
            int n = Math.Min(count, _buffer[0].Length - _bufferCount);
            for (int c = 0; c < _channels; c++) Array.Copy(values[c], offset, _buffer[c], _bufferCount, n);
            _bufferCount += n;
            _segmentLength += n;
            _position += n;
            offset += n;
            count -= n;
            CutWindows(final: false);
        }
    }

    /// <summary>Appends a run of <paramref name="count"/> unknown positions (N): it ends the current segment.</summary>
    public void AppendN(long count)
    {
        if (count <= 0) return;
        EndSegment();
        if (_rows == 0 && _queue.Count == 0) _emitN(_position, count);
        else _queue.Add(new Entry(-1, 0, _position, count));
        _position += count;
        _segmentStart = _position;
    }

    /// <summary>Runs what is left; every position has been emitted when it returns.</summary>
    public void Finish()
    {
        EndSegment();
        Flush();
    }

    private void EndSegment()
    {
        CutWindows(final: true);
        _segmentStart = _position;
        _segmentLength = _bufferBase = _nextWindow = 0;
        _bufferCount = 0;
    }

    /// <summary>Cuts every window whose input has arrived (all that remain when the segment is <paramref name="final"/>).</summary>
    private void CutWindows(bool final)
    {
        long length = _segmentLength;
        while (true)
        {
            long coreStart = _nextWindow * _core;
            if (final && length <= _window)
            {
                if (_nextWindow > 0 || length == 0) return;
                AddWindow(0, (int)length, 0, (int)length);                     // a short segment: one window, all core
            }
            else
            {
                // Several windows (certain once more than one window has arrived): the plan of SlidingWindows.
                if (length <= _window || coreStart >= length) return;
                if (!final && coreStart + _core + _margin > length) return;
                long coreLength = Math.Min(_core, length - coreStart);
                long start = Math.Max(0, coreStart - _margin);
                long end = Math.Min(length, coreStart + coreLength + _margin);
                AddWindow(start, (int)(end - start), coreStart, (int)coreLength);
            }
            _nextWindow++;
        }
    }

    private void AddWindow(long start, int length, long coreStart, int coreLength)
    {
        if (_rows > 0 && (_batchLength != length || _rows == _rowsPerBatch(_batchLength))) Flush();
        if (_rows == 0)
        {
            _batchLength = length;
            long size = (long)_rowsPerBatch(length) * length;
            if (_batch[0].Length < size) for (int c = 0; c < _channels; c++) _batch[c] = new long[size];
        }
        int from = (int)(start - _bufferBase);
        for (int c = 0; c < _channels; c++) Array.Copy(_buffer[c], from, _batch[c], (long)_rows * length, length);
        _queue.Add(new Entry(_rows, (int)(coreStart - start), _segmentStart + coreStart, coreLength));
        _rows++;
    }

    private void Flush()
    {
        var result = _rows > 0 ? _run(_batch, _rows, _batchLength) : default;
        foreach (var e in _queue)
        {
            if (e.Row < 0) _emitN(e.Start, e.Length);
            else _emitCore(result!, e.Row, e.Offset, e.Start, (int)e.Length);
        }
        _queue.Clear();
        _rows = 0;
    }

    /// <summary>Drops input no window still needs: everything before the next window's start.</summary>
    private void Compact()
    {
        long needed = _segmentLength <= _window && _nextWindow == 0 ? 0 : Math.Max(0, _nextWindow * _core - _margin);
        int drop = (int)Math.Min(_bufferCount, needed - _bufferBase);
        if (drop <= 0) return;
        for (int c = 0; c < _channels; c++) Array.Copy(_buffer[c], drop, _buffer[c], 0, _bufferCount - drop);
        _bufferCount -= drop;
        _bufferBase += drop;
    }
}
