using CsCheck;

namespace VqDna.Tests.Fuzzing;

/// <summary>
/// Inputs for the property pass over the readers: the fuzz seeds (fuzz/seeds/TARGET) with a few random
/// edits (byte changes, insertions, deletions, truncation, repeated slices, format tokens), and plain
/// random bytes. A short stand-in for the AFL++ runs of scripts/fuzz.sh, so CI sees every reader's
/// answer to damaged input.
/// </summary>
internal static class MutatedInputs
{
    // Tokens that move a parser to another branch: record and field starts, separators, numbers at the edges.
    private static readonly byte[][] Tokens = new[]
    {
        ">", "@", "+", "\n", "\r\n", "\t", " ", "LOCUS       ", "ORIGIN\n", "FEATURES             Location/Qualifiers\n",
        "     gene            ", "                     /gene=\"", "//\n", "complement(", "join(", "order(", "..", "^", ":", ")", ",",
        "<", "-1", "0", "2147483647", "2147483648", "9999999999", "-", "{", "}", "[", "]", "\"", "\"dtype\"", "\"shape\"",
        "\"data_offsets\"", "__metadata__", "NNNN", "RYKM", "\u00e9", "\0",
    }.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    /// <summary>The seed files of one fuzz target.</summary>
    public static byte[][] Seeds(string target) =>
        Directory.GetFiles(Path.Combine(RepoData.Root, "fuzz", "seeds", target)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    /// <summary>Seeds with up to eight edits, or (one time in five) random bytes.</summary>
    public static Gen<byte[]> For(string target)
    {
        var seeds = Seeds(target);
        var edit = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);
        var mutated = Gen.Select(Gen.OneOf(seeds), edit.Array[1, 8], (seed, edits) => edits.Aggregate(seed, Apply));
        return Gen.Frequency((4, (IGen<byte[]>)mutated), (1, Gen.Byte.Array[0, 300]));
    }

    private static byte[] Apply(byte[] input, (int Kind, int A, int B) edit)
    {
        var bytes = new List<byte>(input);
        int at = bytes.Count == 0 ? 0 : edit.A % bytes.Count;
        switch (edit.Kind)
        {
            case 0 when bytes.Count > 0: bytes[at] = (byte)edit.B; break;                         // replace a byte
            case 1: bytes.Insert(at, (byte)edit.B); break;                                       // insert a byte
            case 2 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(1 + edit.B % 16, bytes.Count - at)); break;
            case 3: bytes.RemoveRange(at, bytes.Count - at); break;                              // truncate
            case 4 when bytes.Count > 0:                                                         // repeat a slice
                int length = Math.Min(1 + edit.B % 64, bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            default: bytes.InsertRange(at, Tokens[edit.B % Tokens.Length]); break;               // a format token
        }
        return bytes.ToArray();
    }
}
