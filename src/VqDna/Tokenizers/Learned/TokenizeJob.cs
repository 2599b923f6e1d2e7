using System.Diagnostics;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tokenizers.Learned;

/// <summary>
/// `vqdna tokenize` as a library job: every record of a sequence file through a learned tokenizer, codes
/// (and optionally embeddings) written as they are produced. Records stream in chunks, so resident memory
/// is bounded whatever their length (issue 7, defect 7). Unknown bases: N gets the code -1 on every level;
/// IUPAC ambiguity codes are read as N and counted, or refused when <see cref="SequenceReadOptions.Strict"/>.
/// </summary>
public sealed class TokenizeJob(LearnedTokenizer tokenizer, SequenceReadOptions? options = null)
{
    private readonly SequenceReadOptions _options = options ?? SequenceReadOptions.Default;

    /// <summary>
    /// Every record's id and length, from a first streaming pass: what <see cref="EmbeddingsWriter"/> needs
    /// up front. Standard input cannot be read twice, so it is refused here.
    /// </summary>
    public IReadOnlyList<(string Id, int Length)> RecordLengths(string input)
    {
        if (input == CompressedFile.StandardInput)
            throw new ArgumentException("embeddings need the input as a file, not standard input: the file is read twice (lengths first)");
        var lengths = new List<(string, int)>();
        using var reader = SequenceStreamReader.Open(input, _options);
        var buffer = new char[1 << 16];
        while (reader.NextRecord())
        {
            while (reader.Read(buffer) > 0) { }
            if (reader.Length > int.MaxValue) throw new InvalidDataException($"{reader.Source}, record '{reader.Id}': {reader.Length:N0} bases is more than one record may hold ({int.MaxValue:N0})");
            lengths.Add((reader.Id, (int)reader.Length));
        }
        return lengths;
    }

    /// <summary>
    /// Tokenizes every record of <paramref name="input"/> ("-": standard input) into <paramref name="codes"/>
    /// (TSV, or JSONL when <paramref name="jsonLines"/>), and the embeddings into <paramref name="embeddings"/>
    /// when given; <paramref name="recordDone"/> hears of each record as it ends.
    /// </summary>
    public TokenizeSummary Run(string input, TextWriter codes, bool jsonLines, EmbeddingsWriter? embeddings = null, Action<TokenizedRecord>? recordDone = null)
    {
        var watch = Stopwatch.StartNew();
        using var reader = SequenceStreamReader.Open(input, _options);
        using var writer = new CodesWriter(codes, jsonLines, tokenizer.Config.Levels);
        int records = 0;
        long bases = 0, n = 0, ambiguous = 0;
        int d = tokenizer.Config.CodeDim;
        while (reader.NextRecord())
        {
            writer.BeginRecord(reader.Id);
            tokenizer.Encode(reader.Read, block =>
            {
                writer.Append(block.Codes, block.Length);
                embeddings?.Write(block.Embedding.AsSpan(0, block.Length * d));
            }, embedding: embeddings is not null);
            writer.EndRecord();
            var record = new TokenizedRecord(reader.Id, reader.Length, reader.NBases, reader.AmbiguousBases);
            records++;
            bases += record.Length;
            n += record.NBases;
            ambiguous += record.AmbiguousBases;
            recordDone?.Invoke(record);
        }
        return new TokenizeSummary(records, bases, n, ambiguous, watch.Elapsed);
    }
}
