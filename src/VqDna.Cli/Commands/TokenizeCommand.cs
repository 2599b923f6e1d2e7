using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna tokenize`: sequences in, codes (and optionally embeddings) out, with a learned tokenizer.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "FASTA/GenBank/FASTQ file (plain or compressed)" };
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = "tokenizer folder (from `vqdna tokenizer train`)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "codes file: .tsv or .jsonl (one column or list per level)", Required = true };
        var embeddings = new Option<string?>("--embeddings") { Description = "also write per-nucleotide embeddings: .safetensors (one tensor per record) or .npy (one record)" };
        var window = new Option<int>("--window") { Description = "nucleotides per window (windows overlap by the receptive field and are stitched)", DefaultValueFactory = _ => 4096 };
        var batch = new Option<int>("--batch") { Description = "most windows per batch (batches also stay within 8,192 positions)", DefaultValueFactory = _ => 32 };
        var command = new Command("tokenize", "Turn sequences into learned codes") { input, tokenizer, output, embeddings, window, batch };
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(input)!;
            var outputPath = parse.GetValue(output)!;
            var embeddingsPath = parse.GetValue(embeddings);
            CodesFile.CheckExtension(outputPath);
            using var model = LearnedTokenizer.Load(parse.GetValue(tokenizer)!, parse.GetValue(window), parse.GetValue(batch));
            // Embeddings stream straight to their file, whose header needs every record's length first.
            using var vectors = embeddingsPath is null ? null
                : new EmbeddingsWriter(embeddingsPath, SequenceFile.Read(inputPath).Select(r => (r.Id, r.Length)).ToList(), model.Config.CodeDim);
            var watch = Stopwatch.StartNew();
            long bases = 0;
            int records = 0;
            using var writer = new AtomicWriter(outputPath);
            CodesFile.WriteHeader(writer.Writer, outputPath, model.Config.Levels);
            foreach (var record in SequenceFile.Read(inputPath))
            {
                var codes = model.Encode(record.Sequence, vectors is null ? null : (_, rows) => vectors.Write(rows));
                CodesFile.Write(writer.Writer, outputPath, new RecordCodes(record.Id, codes));
                bases += record.Length;
                records++;
                AnsiConsole.MarkupLine($"{Markup.Escape(record.Id)}: {record.Length:N0} nt, {bases / watch.Elapsed.TotalSeconds / 1000:F1} kbp/s");
            }
            vectors?.Commit();
            writer.Commit();
            AnsiConsole.MarkupLine($"tokenized {records} record(s), {bases:N0} nt in {watch.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(outputPath)}[/]");
            return 0;
        });
        return command;
    }
}
