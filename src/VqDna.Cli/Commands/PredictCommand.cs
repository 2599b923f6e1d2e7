using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VqDna.Datasets;
using VqDna.IO;
using VqDna.Sequences.Readers;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna predict`: classify sequences with a fine-tuned model.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "a CSV with a 'sequence' column (GUE layout), or FASTA/GenBank/FASTQ (plain or compressed)" };
        var model = new Option<string>("--model", "-m") { Description = "a `vqdna finetune` output folder", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "predictions CSV: id, predicted label, one probability column per class", Required = true };
        var batch = new Option<int>("--batch") { Description = "sequences per forward pass", DefaultValueFactory = _ => 32 };
        var command = new Command("predict", "Predict labels of sequences with a fine-tuned model (long sequences in chunks)") { input, model, output, batch };
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(input)!;
            if (Directory.Exists(inputPath)) throw new ArgumentException($"input '{inputPath}' is a directory; give a CSV or sequence file");
            var records = Read(inputPath);
            using var finetuned = FinetunedModel.Load(parse.GetValue(model)!);
            var probabilities = finetuned.Classifier.Probabilities(records.Select(r => r.sequence).ToList(), parse.GetValue(batch));
            var labels = finetuned.Labels.Names;
            using var writer = new AtomicWriter(parse.GetValue(output)!);
            writer.Writer.WriteLine("id,predicted," + string.Join(",", labels.Select(l => "p_" + l)));
            for (int i = 0; i < records.Count; i++)
            {
                var p = probabilities[i];
                int best = Array.IndexOf(p, p.Max());
                writer.Writer.WriteLine($"{records[i].id},{labels[best]}," + string.Join(",", p.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))));
            }
            writer.Commit();
            AnsiConsole.MarkupLine($"predicted {records.Count} sequence(s) → [bold]{Markup.Escape(parse.GetValue(output)!)}[/]");
            return 0;
        });
        return command;
    }

    /// <summary>CSV rows (id = row number) or sequence records (id = record id).</summary>
    private static List<(string id, string sequence)> Read(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return GueCsv.ReadSequences(path).Select((s, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), s)).ToList();
        return SequenceFile.Read(path).Select(r => (r.Id.Replace(',', '_'), r.Sequence)).ToList();
    }
}
