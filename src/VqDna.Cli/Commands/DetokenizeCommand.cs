using System.CommandLine;
using Spectre.Console;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;

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
            var originals = parse.GetValue(reference) is { } referencePath
                ? SequenceFile.Read(referencePath).ToDictionary(r => r.Id, r => r.Sequence)
                : null;
            long matched = 0, compared = 0;
            var table = new Table().Border(TableBorder.Rounded).AddColumn("record").AddColumn("length").AddColumn("accuracy");
            using var writer = new AtomicWriter(parse.GetValue(output)!);
            foreach (var record in CodesFile.Read(parse.GetValue(input)!))
            {
                var sequence = model.Decode(record.Levels);
                writer.Writer.WriteLine($">{record.Id}");
                for (int i = 0; i < sequence.Length; i += 80) writer.Writer.WriteLine(sequence.AsSpan(i, Math.Min(80, sequence.Length - i)));
                if (originals is null) continue;
                if (!originals.TryGetValue(record.Id, out var original))
                    throw new InvalidDataException($"record '{record.Id}' is not in the reference file");
                if (original.Length != sequence.Length)
                    throw new InvalidDataException($"record '{record.Id}': {sequence.Length} codes but the reference has {original.Length} nt");
                int same = original.Zip(sequence).Count(p => p.First == p.Second);
                matched += same;
                compared += original.Length;
                table.AddRow(Markup.Escape(record.Id), $"{original.Length:N0}", $"{100.0 * same / original.Length:F3}%");
            }
            writer.Commit();
            if (originals is not null)
            {
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"reconstruction accuracy: [bold]{100.0 * matched / Math.Max(1, compared):F3}%[/] over {compared:N0} nt");
            }
            AnsiConsole.MarkupLine($"sequences written to [bold]{Markup.Escape(parse.GetValue(output)!)}[/]");
            return 0;
        });
        return command;
    }
}
