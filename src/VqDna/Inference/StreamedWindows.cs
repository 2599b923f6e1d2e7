using VqDna.Sequences.Readers;

namespace VqDna.Inference;

/// <summary>
/// Cuts the records of a sequence file into <see cref="SequenceWindows"/> as the bases stream in, never holding a whole
/// record (issue 20: a 20 Mbp record held as one string, with the reader's copies, took ~175 MB of `predict`'s 1 GB
/// peak). Memory is one window plus one read buffer whatever the record's length. The windows are exactly
/// <see cref="SequenceWindows.Spans"/> of the record's length, which is known only when its bases run out: a window
/// is cut once one base past it has been read (or the record has ended), so the window that reaches the end is known
/// to be the last.
/// </summary>
public static class StreamedWindows
{
    private const int ReadChunk = 1 << 16;

    /// <summary>Every record's windows, in file order (ids with commas replaced, as <see cref="PredictionInputs"/> does).</summary>
    public static IEnumerable<PredictionSpan> Read(SequenceStreamReader reader, SequenceWindows windows)
    {
        windows.Validate();
        var held = new RecordBuffer(reader, windows.Window + ReadChunk);
        while (reader.NextRecord())
        {
            var id = reader.Id.Replace(',', '_');
            held.Reset();
            for (long start = 0; ; start += windows.Stride)
            {
                held.FillPast(start + windows.Window);                 // one base past the window, or the record's end
                if (start > 0 && held.Ended && start >= held.Length) break;
                long end = Math.Min(start + windows.Window, held.Length);
                yield return new PredictionSpan(id, checked((int)start), checked((int)end), held.Slice(start, end));
                if (held.Ended && end >= held.Length) break;
                held.DropBefore(start + windows.Stride);
            }
        }
    }

    /// <summary>The current record's bases from <see cref="From"/> on, read on demand.</summary>
    private sealed class RecordBuffer(SequenceStreamReader reader, int capacity)
    {
        private char[] _bases = new char[capacity];
        private int _count;                                           // bases held, from From
        public long From { get; private set; }                        // record position of _bases[0]
        public bool Ended { get; private set; }

        /// <summary>Bases read so far; the record's length once <see cref="Ended"/>.</summary>
        public long Length => From + _count;

        public void Reset() => (_count, From, Ended) = (0, 0, false);

        /// <summary>Reads until more than <paramref name="position"/> bases are known or the record ends.</summary>
        public void FillPast(long position)
        {
            while (!Ended && Length <= position)
            {
                if (_bases.Length - _count < ReadChunk) Array.Resize(ref _bases, Math.Max(_bases.Length * 2, _count + ReadChunk));
                int n = reader.Read(_bases.AsSpan(_count, ReadChunk));
                if (n == 0) Ended = true;
                _count += n;
            }
        }

        public string Slice(long start, long end) => new(_bases, (int)(start - From), (int)(end - start));

        /// <summary>Forgets the bases before <paramref name="position"/> (a stride past the window skips some unread ones).</summary>
        public void DropBefore(long position)
        {
            int drop = (int)Math.Min(_count, position - From);
            Array.Copy(_bases, drop, _bases, 0, _count - drop);
            _count -= drop;
            From += drop;
            Span<char> skip = stackalloc char[4096];
            while (From < position && !Ended)
            {
                int n = reader.Read(skip[..(int)Math.Min(skip.Length, position - From)]);
                if (n == 0) Ended = true;
                From += n;
            }
        }
    }
}
