using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inference;
using VqDna.IO;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Tokenizers.Learned;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenize`: sequences in, codes (and optionally embeddings) out, with a learned tokenizer.</summary>
internal sealed class TokenizeCommand : VerbCommand<TokenizeSettings>
{
    private readonly Argument<string> input = new("input") { Description = "FASTA/GenBank/FASTQ file (plain or compressed; - for standard input)" };
    private readonly Option<string> tokenizer = new("--tokenizer", "-t") { Description = "tokenizer folder (from `vqdna tokenizer train`)", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "codes file: .tsv or .jsonl (one column or list per level); - for standard output", Required = true };
    private readonly Option<string?> format = CodesFormatOption.Create("codes format");
    private readonly Option<string?> embeddings = new("--embeddings") { Description = "also write per-nucleotide embeddings: .safetensors (one tensor per record) or .npy (one record)" };
    private readonly Option<int> window = new("--window") { Description = "nucleotides per window (windows overlap by the receptive field and are stitched)", DefaultValueFactory = _ => VqTokenizerConfig.DefaultInferenceWindow };
    private readonly Option<int> batch = new("--batch") { Description = "most windows per batch (batches also stay within 8,192 positions)", DefaultValueFactory = _ => VqTokenizerConfig.DefaultInferenceBatch };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("the tokenizer's encoder");
    private readonly DeviceOptions device = new(precision: false);
    private readonly Option<bool> strict = new("--strict") { Description = "refuse IUPAC ambiguity codes other than N (R, Y, K…) instead of reading them as N" };

    protected override Command Declare()
    {
        var command = new Command("tokenize", "Turn sequences into learned codes (N: code -1)") { input, tokenizer, output, format, embeddings, window, batch, engine.Option, strict };
        device.AddTo(command);
        return command;
    }

    protected override TokenizeSettings Bind(ParseResult parse) => new(
        parse.GetValue(input)!, parse.GetValue(tokenizer)!, parse.GetValue(output)!, CodesFormatOption.Parse(parse.GetValue(format)),
        parse.GetValue(embeddings), parse.GetValue(window), parse.GetValue(batch), parse.GetValue(strict), engine.Get(parse)) { Compute = device.Read(parse) };

    /// <summary>Records shown one line each; past these, progress lines come every <see cref="ProgressEvery"/>.</summary>
    private const int RecordLines = 20;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    protected override int Run(TokenizeSettings settings)
    {
        // With the codes on stdout, every line for the reader goes to stderr: stdout carries data only.
        var console = Terminal.For(settings.CodesOnStandardOutput || settings.Embeddings == CodesFile.StandardStream);
        if (settings.Compute.EngineNote(settings.Engine) is { } note) console.MarkupLine(Markup.Escape(note));
        using var model = Check.Config(() => TokenizerEngines.Load(settings.Tokenizer, settings.Window, settings.Batch, settings.Engine, settings.Compute.Resolve().Device),
            ("window", "--window"), ("batchSize", "--batch"));
        var job = new TokenizeJob(model, new SequenceReadOptions(settings.Strict));
        // Embeddings stream straight to their file, whose header needs every record's length first.
        using var vectors = settings.Embeddings is null ? null : new EmbeddingsWriter(settings.Embeddings, job.RecordLengths(settings.Input), model.Config.CodeDim);
        using var writer = new AtomicWriter(settings.Output);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long bases = 0, records = 0;
        TimeSpan lastLine = TimeSpan.Zero, lastFlush = TimeSpan.Zero;
        var summary = job.Run(settings.Input, writer.Writer, settings.CodesFormat == CodesFormat.JsonLines, vectors, record =>
        {
            bases += record.Length;
            records++;
            var now = watch.Elapsed;
            // Flushed at least once a second, so a closed reader (`| head`) is noticed within a second (issue 19).
            if (now - lastFlush >= FlushEvery)
            {
                writer.Writer.Flush();
                lastFlush = now;
            }
            // One line per record for the first few; then one line every few seconds, not 200,000 lines of progress.
            if (records <= RecordLines)
                console.MarkupLine($"{Markup.Escape(record.Id)}: {record.Length:N0} nt, {bases / now.TotalSeconds / 1000:F1} kbp/s");
            else if (records == RecordLines + 1 || now - lastLine >= ProgressEvery)
            {
                lastLine = now;
                console.MarkupLine($"… {records:N0} records, {bases:N0} nt, {bases / now.TotalSeconds / 1000:F1} kbp/s");
            }
        });
        vectors?.Commit();
        writer.Commit();
        console.MarkupLine($"tokenized {summary.Records} record(s), {summary.Bases:N0} nt in {summary.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        if (summary.NBases > 0)
            console.MarkupLine($"unknown bases: {summary.NBases:N0} N (code -1), of which {summary.AmbiguousBases:N0} were IUPAC ambiguity codes read as N");
        return 0;
    }
}
