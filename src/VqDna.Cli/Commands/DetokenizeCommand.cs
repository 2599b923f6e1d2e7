using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna detokenize`: codes back to sequences, with the reconstruction accuracy against a reference.</summary>
internal sealed class DetokenizeCommand : VerbCommand<DetokenizeSettings>
{
    private readonly Argument<string> input = new("codes") { Description = "codes file from `vqdna tokenize` (.tsv or .jsonl); - for standard input" };
    private readonly Option<string?> format = CodesFormatOption.Create("codes format of the input");
    private readonly Option<string> tokenizer = new("--tokenizer", "-t") { Description = "the tokenizer folder that produced the codes", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "FASTA file to write; - for standard output", Required = true };
    private readonly Option<string?> reference = new("--reference") { Description = "the original sequences, to report reconstruction accuracy" };
    private readonly Option<int> window = new("--window") { Description = "positions per window", DefaultValueFactory = _ => VqTokenizerConfig.DefaultInferenceWindow };

    protected override Command Declare() => new("detokenize", "Rebuild sequences from learned codes") { input, format, tokenizer, output, reference, window };

    protected override DetokenizeSettings Bind(ParseResult parse) => new(
        parse.GetValue(input)!, CodesFormatOption.Parse(parse.GetValue(format)), parse.GetValue(tokenizer)!, parse.GetValue(output)!,
        parse.GetValue(reference), parse.GetValue(window));

    protected override int Run(DetokenizeSettings settings)
    {
        var console = Terminal.For(settings.SequencesOnStandardOutput);
        using var model = LearnedTokenizer.Load(settings.Tokenizer, settings.Window);
        var originals = settings.Reference is { } referencePath
            ? SequenceFile.Read(referencePath).ToDictionary(r => r.Id, r => r.Sequence)
            : null;
        long matched = 0, compared = 0;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("record").AddColumn("length").AddColumn("accuracy");
        using var writer = new AtomicWriter(settings.Output);
        foreach (var record in CodesFile.Read(settings.Codes, settings.CodesFormat))
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
            console.Write(table);
            console.MarkupLine($"reconstruction accuracy: [bold]{100.0 * matched / Math.Max(1, compared):F3}%[/] over {compared:N0} nt");
        }
        console.MarkupLine($"sequences written to [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        return 0;
    }
}
