using System.CommandLine;
using Spectre.Console;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Tokenizers.Learned;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenize`: sequences in, codes (and optionally embeddings) out, with a learned tokenizer.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "FASTA/GenBank/FASTQ file (plain or compressed; - for standard input)" };
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = "tokenizer folder (from `vqdna tokenizer train`)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "codes file: .tsv or .jsonl (one column or list per level)", Required = true };
        var embeddings = new Option<string?>("--embeddings") { Description = "also write per-nucleotide embeddings: .safetensors (one tensor per record) or .npy (one record)" };
        var window = new Option<int>("--window") { Description = "nucleotides per window (windows overlap by the receptive field and are stitched)", DefaultValueFactory = _ => 4096 };
        var batch = new Option<int>("--batch") { Description = "most windows per batch (batches also stay within 8,192 positions)", DefaultValueFactory = _ => 32 };
        var strict = new Option<bool>("--strict") { Description = "refuse IUPAC ambiguity codes other than N (R, Y, K…) instead of reading them as N" };
        var command = new Command("tokenize", "Turn sequences into learned codes (N: code -1)") { input, tokenizer, output, embeddings, window, batch, strict };
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(input)!;
            var outputPath = parse.GetValue(output)!;
            var embeddingsPath = parse.GetValue(embeddings);
            CodesFile.CheckExtension(outputPath);
            using var model = LearnedTokenizer.Load(parse.GetValue(tokenizer)!, parse.GetValue(window), parse.GetValue(batch));
            var job = new TokenizeJob(model, new SequenceReadOptions(parse.GetValue(strict)));
            // Embeddings stream straight to their file, whose header needs every record's length first.
            using var vectors = embeddingsPath is null ? null : new EmbeddingsWriter(embeddingsPath, job.RecordLengths(inputPath), model.Config.CodeDim);
            using var writer = new AtomicWriter(outputPath);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long bases = 0;
            var summary = job.Run(inputPath, writer.Writer, CodesFile.IsJsonLines(outputPath), vectors, record =>
            {
                bases += record.Length;
                AnsiConsole.MarkupLine($"{Markup.Escape(record.Id)}: {record.Length:N0} nt, {bases / watch.Elapsed.TotalSeconds / 1000:F1} kbp/s");
            });
            vectors?.Commit();
            writer.Commit();
            AnsiConsole.MarkupLine($"tokenized {summary.Records} record(s), {summary.Bases:N0} nt in {summary.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(outputPath)}[/]");
            if (summary.NBases > 0)
                AnsiConsole.MarkupLine($"unknown bases: {summary.NBases:N0} N (code -1), of which {summary.AmbiguousBases:N0} were IUPAC ambiguity codes read as N");
            return 0;
        });
        return command;
    }
}
