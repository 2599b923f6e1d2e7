namespace VqDna.Sequences;

/// <summary>
/// A growable character buffer for accumulating one record's sequence line by line. Unlike
/// <see cref="System.Text.StringBuilder"/> it exposes a writable span, so normalisation writes in place.
/// </summary>
public sealed class SequenceBuilder
{
    private char[] _buffer;

    /// <summary>An empty buffer with room for <paramref name="capacity"/> characters (at least 16).</summary>
    public SequenceBuilder(int capacity = 1024) => _buffer = new char[Math.Max(16, capacity)];

    /// <summary>Number of characters accumulated.</summary>
    public int Length { get; private set; }

    /// <summary>The accumulated characters.</summary>
    public ReadOnlySpan<char> AsSpan() => _buffer.AsSpan(0, Length);

    /// <summary>A span of at least <paramref name="count"/> writable characters after the current end.</summary>
    public Span<char> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            long size = Math.Max((long)_buffer.Length * 2, (long)Length + count);
            Array.Resize(ref _buffer, (int)Math.Min(size, Array.MaxLength));
        }
        return _buffer.AsSpan(Length, count);
    }

    /// <summary>Adds <paramref name="count"/> characters written into the last <see cref="Reserve"/> span.</summary>
    public void Commit(int count) => Length += count;

    /// <summary>Empties the buffer, keeping its storage.</summary>
    public void Clear() => Length = 0;

    /// <summary>The characters accumulated.</summary>
    public override string ToString() => new(_buffer, 0, Length);
}
