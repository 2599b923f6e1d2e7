namespace VqDna.Sequences.Readers;

/// <summary>Reads lines one at a time, counting them (1-based) and allowing one line of push-back.</summary>
internal sealed class LineReader(TextReader reader, string source)
{
    private string? _pushedBack;

    /// <summary>The file or stream name used in error messages.</summary>
    public string Source { get; } = source;

    /// <summary>The 1-based number of the line last returned by <see cref="Next"/>.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its terminator, or null at the end.</summary>
    public string? Next()
    {
        if (_pushedBack is { } line) { _pushedBack = null; LineNumber++; return line; }
        var next = reader.ReadLine();
        if (next is not null) LineNumber++;
        return next;
    }

    /// <summary>Returns <paramref name="line"/> (the last one read) to be read again.</summary>
    public void PushBack(string line) { _pushedBack = line; LineNumber--; }

    /// <summary>The next line that is not blank, or null at the end.</summary>
    public string? NextNonBlank()
    {
        string? line;
        while ((line = Next()) is not null && string.IsNullOrWhiteSpace(line)) { }
        return line;
    }
}
