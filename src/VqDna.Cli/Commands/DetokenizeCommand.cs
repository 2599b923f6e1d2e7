using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;

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
        using var model = Check.Config(() => LearnedTokenizer.Load(settings.Tokenizer, settings.Window), ("window", "--window"));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("record").AddColumn("length").AddColumn("accuracy");
        using var writer = new AtomicWriter(settings.Output);
        var summary = new DetokenizeJob(model).Run(settings.Codes, settings.CodesFormat, writer.Writer, settings.Reference, record =>
        {
            if (record.Accuracy is { } accuracy) table.AddRow(Markup.Escape(record.Id), $"{record.Length:N0}", record.Compared > 0 ? $"{100 * accuracy:F3}%" : "all N");
        });
        writer.Commit();
        if (summary.Accuracy is { } total)
        {
            console.Write(table);
            console.MarkupLine($"reconstruction accuracy: [bold]{100 * total:F3}%[/] over {summary.Compared:N0} known nt (N not counted)");
        }
        console.MarkupLine($"sequences written to [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        return 0;
    }
}
