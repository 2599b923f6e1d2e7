using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenize`: sequences in, codes (and optionally embeddings) out, with a learned tokenizer.</summary>
internal sealed class TokenizeCommand : VerbCommand<TokenizeSettings>
{
    private readonly Argument<string> input = new("input") { Description = "FASTA/GenBank/FASTQ file (plain or compressed)" };
    private readonly Option<string> tokenizer = new("--tokenizer", "-t") { Description = "tokenizer folder (from `vqdna tokenizer train`)", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "codes file: .tsv or .jsonl (one column or list per level); - for standard output", Required = true };
    private readonly Option<string?> format = CodesFormatOption.Create("codes format");
    private readonly Option<string?> embeddings = new("--embeddings") { Description = "also write per-nucleotide embeddings: .safetensors (one tensor per record) or .npy (one record)" };
    private readonly Option<int> window = new("--window") { Description = "nucleotides per window (windows overlap by the receptive field and are stitched)", DefaultValueFactory = _ => VqTokenizerConfig.DefaultInferenceWindow };
    private readonly Option<int> batch = new("--batch") { Description = "most windows per batch (batches also stay within 8,192 positions)", DefaultValueFactory = _ => VqTokenizerConfig.DefaultInferenceBatch };

    protected override Command Declare() => new("tokenize", "Turn sequences into learned codes") { input, tokenizer, output, format, embeddings, window, batch };

    protected override TokenizeSettings Bind(ParseResult parse) => new(
        parse.GetValue(input)!, parse.GetValue(tokenizer)!, parse.GetValue(output)!, CodesFormatOption.Parse(parse.GetValue(format)),
        parse.GetValue(embeddings), parse.GetValue(window), parse.GetValue(batch));

    protected override int Run(TokenizeSettings settings)
    {
        // With the codes on stdout, every line for the reader goes to stderr: stdout carries data only.
        var console = Terminal.For(settings.CodesOnStandardOutput || settings.Embeddings == CodesFile.StandardStream);
        var codesFormat = settings.CodesFormat;
        using var model = LearnedTokenizer.Load(settings.Tokenizer, settings.Window, settings.Batch);
        // Embeddings stream straight to their file, whose header needs every record's length first.
        using var vectors = settings.Embeddings is null ? null
            : new EmbeddingsWriter(settings.Embeddings, SequenceFile.Read(settings.Input).Select(r => (r.Id, r.Length)).ToList(), model.Config.CodeDim);
        var watch = Stopwatch.StartNew();
        long bases = 0;
        int records = 0;
        using var writer = new AtomicWriter(settings.Output);
        CodesFile.WriteHeader(writer.Writer, codesFormat, model.Config.Levels);
        foreach (var record in SequenceFile.Read(settings.Input))
        {
            var codes = model.Encode(record.Sequence, vectors is null ? null : (_, rows) => vectors.Write(rows));
            CodesFile.Write(writer.Writer, codesFormat, new RecordCodes(record.Id, codes));
            bases += record.Length;
            records++;
            console.MarkupLine($"{Markup.Escape(record.Id)}: {record.Length:N0} nt, {bases / watch.Elapsed.TotalSeconds / 1000:F1} kbp/s");
        }
        vectors?.Commit();
        writer.Commit();
        console.MarkupLine($"tokenized {records} record(s), {bases:N0} nt in {watch.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        return 0;
    }
}
