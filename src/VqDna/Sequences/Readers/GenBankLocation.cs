using System.Globalization;

namespace VqDna.Sequences.Readers;

/// <summary>
/// Parses GenBank feature locations: "12..345", "&lt;1..&gt;200", "7", "7^8", complement(…),
/// join(…), order(…), nested. Segments come out in transcription order: complement(join(a,b))
/// yields b then a, both on the reverse strand.
/// </summary>
internal static class GenBankLocation
{
    /// <summary>Thrown for a location on another record ("J00194.1:100..202"), which we cannot map.</summary>
    public sealed class RemoteException(string message) : Exception(message);

    /// <summary>
    /// Deepest nesting of complement/join/order accepted. Real locations nest two or three deep; the parser
    /// recurses per level, so a hostile "complement(complement(…" would otherwise overflow the stack, which
    /// .NET cannot catch (found by review while fuzzing, issue 7 item 10).
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>Most characters of a location quoted in an error (issue 19: a 1.2 MB location was echoed whole).</summary>
    public const int MaxQuoted = 80;

    /// <summary>The text as an error quotes it: at most <see cref="MaxQuoted"/> characters, then how many more.</summary>
    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxQuoted ? text.ToString() : $"{text[..MaxQuoted]}… ({text.Length - MaxQuoted:N0} more characters)";

    public static List<FeatureSegment> Parse(string location)
    {
        int pos = 0;
        var segments = ParseItem(location, ref pos, Strand.Forward, 0);
        if (pos != location.Length) throw new FormatException($"unexpected '{Quote(location.AsSpan(pos))}' after the location");
        return segments;
    }

    private static List<FeatureSegment> ParseItem(string s, ref int pos, Strand strand, int depth)
    {
        if (depth > MaxDepth) throw new FormatException($"operators nest more than {MaxDepth} deep");
        if (Match(s, ref pos, "complement("))
        {
            var inner = ParseItem(s, ref pos, strand == Strand.Forward ? Strand.Reverse : Strand.Forward, depth + 1);
            Expect(s, ref pos, ')');
            inner.Reverse();
            return inner;
        }
        if (Match(s, ref pos, "join(") || Match(s, ref pos, "order("))
        {
            var all = ParseItem(s, ref pos, strand, depth + 1);
            while (pos < s.Length && s[pos] == ',')
            {
                pos++;
                all.AddRange(ParseItem(s, ref pos, strand, depth + 1));
            }
            Expect(s, ref pos, ')');
            return all;
        }
        return [ParseRange(s, ref pos, strand)];
    }

    private static FeatureSegment ParseRange(string s, ref int pos, Strand strand)
    {
        int start = pos;
        while (pos < s.Length && s[pos] is not (',' or ')')) pos++;
        var text = s.AsSpan(start, pos - start);
        if (text.Contains(':')) throw new RemoteException($"location '{Quote(text)}' refers to another record");
        int dots = text.IndexOf("..");
        if (dots >= 0)
        {
            int a = Number(text[..dots]), b = Number(text[(dots + 2)..]);
            if (b < a) throw new FormatException($"range '{Quote(text)}' ends before it starts");
            return new FeatureSegment(a - 1, b, strand);
        }
        int caret = text.IndexOf('^');
        if (caret >= 0)
        {
            int a = Number(text[..caret]);
            Number(text[(caret + 1)..]);
            return new FeatureSegment(a, a, strand); // a site between two bases: zero length
        }
        int single = Number(text);
        return new FeatureSegment(single - 1, single, strand);
    }

    private static int Number(ReadOnlySpan<char> text)
    {
        text = text.Trim().TrimStart('<').TrimStart('>');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new FormatException($"'{Quote(text)}' is not a base position (a positive integer)");
        return value;
    }

    private static bool Match(string s, ref int pos, string token)
    {
        if (string.CompareOrdinal(s, pos, token, 0, token.Length) != 0) return false;
        pos += token.Length;
        return true;
    }

    private static void Expect(string s, ref int pos, char c)
    {
        if (pos >= s.Length || s[pos] != c)
            throw new FormatException($"expected '{c}' at position {pos + 1} of the location");
        pos++;
    }
}
