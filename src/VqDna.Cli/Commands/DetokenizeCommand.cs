using System.CommandLine;
using Spectre.Console;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna detokenize`: codes back to sequences, with the reconstruction accuracy against a reference.</summary>
internal static class DetokenizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("codes") { Description = "codes file from `vqdna tokenize` (.tsv or .jsonl)" };
        var tokenizer = new Option<string>("--tokenizer", "-t") { Description = "the tokenizer folder that produced the codes", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "FASTA file to write", Required = true };
        var reference = new Option<string?>("--reference") { Description = "the original sequences, to report reconstruction accuracy" };
        var window = new Option<int>("--window") { Description = "positions per window", DefaultValueFactory = _ => 4096 };
        var command = new Command("detokenize", "Rebuild sequences from learned codes") { input, tokenizer, output, reference, window };
        command.SetAction(parse =>
        {
            using var model = LearnedTokenizer.Load(parse.GetValue(tokenizer)!, parse.GetValue(window));
            var table = new Table().Border(TableBorder.Rounded).AddColumn("record").AddColumn("length").AddColumn("accuracy");
            using var writer = new AtomicWriter(parse.GetValue(output)!);
            var summary = new DetokenizeJob(model).Run(parse.GetValue(input)!, writer.Writer, parse.GetValue(reference), record =>
            {
                if (record.Accuracy is { } accuracy) table.AddRow(Markup.Escape(record.Id), $"{record.Length:N0}", record.Compared > 0 ? $"{100 * accuracy:F3}%" : "all N");
            });
            writer.Commit();
            if (summary.Accuracy is { } total)
            {
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"reconstruction accuracy: [bold]{100 * total:F3}%[/] over {summary.Compared:N0} known nt (N not counted)");
            }
            AnsiConsole.MarkupLine($"sequences written to [bold]{Markup.Escape(parse.GetValue(output)!)}[/]");
            return 0;
        });
        return command;
    }
}
