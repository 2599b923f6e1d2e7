using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using VqDna.Torch.Serialization;

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
            var outputPath = parse.GetValue(output)!;
            var embeddingsPath = parse.GetValue(embeddings);
            CodesFile.CheckExtension(outputPath);
            if (embeddingsPath is not null && !embeddingsPath.EndsWith(".safetensors", StringComparison.Ordinal) && !embeddingsPath.EndsWith(".npy", StringComparison.Ordinal))
                throw new ArgumentException($"embeddings file '{embeddingsPath}' must end in .safetensors or .npy");
            using var model = LearnedTokenizer.Load(parse.GetValue(tokenizer)!, parse.GetValue(window), parse.GetValue(batch));
            var watch = Stopwatch.StartNew();
            long bases = 0;
            int records = 0;
            var vectors = new List<KeyValuePair<string, Tensor>>();
            using var writer = new AtomicWriter(outputPath);
            try
            {
                CodesFile.WriteHeader(writer.Writer, outputPath, model.Config.Levels);
                foreach (var record in SequenceFile.Read(parse.GetValue(input)!))
                {
                    var (codes, embedding) = model.EncodeWithEmbedding(record.Sequence, embeddingsPath is not null);
                    CodesFile.Write(writer.Writer, outputPath, new RecordCodes(record.Id, codes));
                    if (embedding is not null)
                        vectors.Add(new(UniqueName(vectors, record.Id), torch.tensor(embedding, [record.Length, model.Config.CodeDim]).DetachFromDisposeScope()));
                    bases += record.Length;
                    records++;
                    AnsiConsole.MarkupLine($"{Markup.Escape(record.Id)}: {record.Length:N0} nt, {bases / watch.Elapsed.TotalSeconds / 1000:F1} kbp/s");
                }
                if (embeddingsPath is not null) WriteEmbeddings(embeddingsPath, vectors, model.Config.CodeDim);
                writer.Commit();
            }
            finally
            {
                foreach (var v in vectors) v.Value.Dispose();
            }
            AnsiConsole.MarkupLine($"tokenized {records} record(s), {bases:N0} nt in {watch.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(outputPath)}[/]");
            return 0;
        });
        return command;
    }

    private static string UniqueName(List<KeyValuePair<string, Tensor>> existing, string id)
    {
        var name = id;
        for (int i = 2; existing.Any(kv => kv.Key == name); i++) name = $"{id}#{i}";
        return name;
    }

    private static void WriteEmbeddings(string path, List<KeyValuePair<string, Tensor>> vectors, int dim)
    {
        if (path.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            Safetensors.Save(vectors, path);
            return;
        }
        if (vectors.Count != 1) throw new ArgumentException($".npy holds one array but the input has {vectors.Count} records: use .safetensors");
        var data = vectors[0].Value.ToArray<float>();
        NpyFile.WriteFloat32(path, data, data.Length / dim, dim);
    }
}
