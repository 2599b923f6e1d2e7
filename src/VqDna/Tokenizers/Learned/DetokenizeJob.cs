using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tokenizers.Learned;

/// <summary>
/// `vqdna detokenize` as a library job: codes back to FASTA, with the reconstruction accuracy against the
/// original sequences when given, over the reference's known bases (its N positions decode to N by
/// construction and are not counted). Codes, bases and the reference all stream, so resident memory is bounded
/// whatever the record length (issue 7, defect 7). The reference's records must come in the codes file's
/// order (tokenize writes them so); reference records absent from the codes file are skipped.
/// </summary>
public sealed class DetokenizeJob(LearnedTokenizer tokenizer, SequenceReadOptions? referenceOptions = null)
{
    /// <summary>Bases per FASTA line.</summary>
    public const int LineWidth = 80;

    /// <summary>
    /// Decodes every record of <paramref name="codesPath"/> into <paramref name="fasta"/>; compares with
    /// <paramref name="referencePath"/> ("-": standard input) when given; <paramref name="recordDone"/> hears of each record.
    /// </summary>
    public DetokenizeSummary Run(string codesPath, TextWriter fasta, string? referencePath = null, Action<DetokenizedRecord>? recordDone = null) =>
        Run(codesPath, null, fasta, referencePath, recordDone);

    /// <summary>
    /// As <see cref="Run(string, TextWriter, string?, Action{DetokenizedRecord}?)"/> with an explicit codes
    /// <paramref name="format"/>; codes on standard input ("-") are first spooled to a temporary file, because
    /// TSV levels are read in step through their own file handles.
    /// </summary>
    public DetokenizeSummary Run(string codesPath, CodesFormat? format, TextWriter fasta, string? referencePath = null, Action<DetokenizedRecord>? recordDone = null)
    {
        if (codesPath != CodesFile.StandardStream) return Decode(codesPath, format, fasta, referencePath, recordDone);
        var spool = Path.Combine(Path.GetTempPath(), $"vqdna-codes-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stdin = Console.OpenStandardInput())
            using (var file = File.Create(spool)) stdin.CopyTo(file);
            return Decode(spool, format ?? CodesFormat.Tsv, fasta, referencePath, recordDone);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private DetokenizeSummary Decode(string codesPath, CodesFormat? format, TextWriter fasta, string? referencePath, Action<DetokenizedRecord>? recordDone)
    {
        using var codes = new CodesReader(codesPath, format);
        using var reference = referencePath is null ? null : SequenceStreamReader.Open(referencePath, referenceOptions);
        int records = 0;
        long bases = 0, matched = 0, compared = 0;
        var original = new char[1 << 16];
        int originalAt = 0, originalCount = 0;
        var line = new char[LineWidth];
        while (codes.NextRecord())
        {
            if (codes.Levels != tokenizer.Config.Levels)
                throw new InvalidDataException($"{codesPath}: the codes have {codes.Levels} level(s) but the tokenizer has {tokenizer.Config.Levels}");
            string id = codes.Id;
            if (reference is not null) FindReference(reference, id, referencePath!);
            fasta.Write('>');
            fasta.Write(id);
            fasta.Write('\n');
            int inLine = 0;
            long same = 0, length = 0, known = 0;
            originalAt = originalCount = 0;
            tokenizer.Decode(codes.Read, (start, decoded) =>
            {
                foreach (char c in decoded)
                {
                    line[inLine++] = c;
                    if (inLine == LineWidth) { fasta.Write(line, 0, inLine); fasta.Write('\n'); inLine = 0; }
                }
                if (reference is not null) Compare(reference, decoded, id, length + decoded.Length, referencePath!, ref same, ref known);
                length += decoded.Length;
            });
            if (inLine > 0) { fasta.Write(line, 0, inLine); fasta.Write('\n'); }
            if (reference is not null)
            {
                if (originalAt < originalCount || reference.Read(original.AsSpan(0, 1)) > 0)
                    throw new InvalidDataException($"record '{id}': {length:N0} codes but the reference has more bases ({referencePath})");
                matched += same;
                compared += known;
            }
            records++;
            bases += length;
            recordDone?.Invoke(new DetokenizedRecord(id, length, reference is null ? null : same, known));
        }
        return new DetokenizeSummary(records, bases, reference is null ? null : matched, compared);

        void Compare(SequenceStreamReader source, ReadOnlySpan<char> decoded, string id, long lengthSoFar, string path, ref long same, ref long known)
        {
            for (int i = 0; i < decoded.Length; i++)
            {
                if (originalAt == originalCount)
                {
                    originalCount = source.Read(original);
                    originalAt = 0;
                    if (originalCount == 0)
                        throw new InvalidDataException($"record '{id}': the codes go on past position {lengthSoFar - decoded.Length + i:N0} but the reference has only {source.Length:N0} bases ({path})");
                }
                char o = original[originalAt++];
                if (o == 'N') continue;
                known++;
                if (o == decoded[i]) same++;
            }
        }
    }

    private static void FindReference(SequenceStreamReader reference, string id, string path)
    {
        while (reference.NextRecord())
            if (reference.Id == id) return;
        throw new InvalidDataException($"record '{id}' is not in the reference file {path} (or not in the codes file's order)");
    }
}
