namespace VqDna.Sequences;

/// <summary>
/// Bad input in a sequence or task file. The message always names the file, the record (when one
/// is known) and the 1-based line, so the user can open the file at the right place.
/// </summary>
public sealed class SequenceFormatException : FormatException
{
    private SequenceFormatException(string message, string file, string? record, long line)
        : base(message)
    {
        FilePath = file;
        RecordId = record;
        LineNumber = line;
    }

    /// <summary>The file (or stream name) that holds the bad input.</summary>
    public string FilePath { get; }

    /// <summary>The record being read, when known.</summary>
    public string? RecordId { get; }

    /// <summary>The 1-based line of the bad input; 0 when not from a file.</summary>
    public long LineNumber { get; }

    private static string Where(string file, string? record, long line) =>
        record is null ? $"{file}, line {line}" : $"{file}, record '{record}', line {line}";

    /// <summary>A character that is neither a nucleotide nor an IUPAC ambiguity code.</summary>
    public static SequenceFormatException InvalidCharacter(string file, string? record, long line, char c, int column) =>
        new($"{Where(file, record, line)}: invalid character '{Printable(c)}' at column {column}; " +
            "expected A, C, G, T, U or an IUPAC ambiguity code (R Y S W K M B D H V N)", file, record, line);

    /// <summary>An IUPAC ambiguity code other than N, refused by strict reading.</summary>
    public static SequenceFormatException AmbiguousBase(string file, string? record, long line, char c, int column) =>
        new($"{Where(file, record, line)}: ambiguity code '{c}' at column {column}; strict reading (--strict) accepts only " +
            "A, C, G, T, U and N (without --strict it is read as N and counted)", file, record, line);

    /// <summary>The error for a character a normalisation refused: an ambiguity code under strict reading, else an invalid character.</summary>
    public static SequenceFormatException Refused(in AmbiguityCounter counts, string file, string? record, long line, char c, int column) =>
        counts.IsRejected(c) ? AmbiguousBase(file, record, line, c, column) : InvalidCharacter(file, record, line, c, column);

    /// <summary>A line that does not follow the file format.</summary>
    public static SequenceFormatException Malformed(string file, string? record, long line, string problem) =>
        new($"{Where(file, record, line)}: {problem}", file, record, line);

    /// <summary>A file whose content cannot be read at all (unknown format, missing decompressor).</summary>
    public static SequenceFormatException Unreadable(string file, string problem) =>
        new($"{file}: {problem}", file, null, 0);

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
