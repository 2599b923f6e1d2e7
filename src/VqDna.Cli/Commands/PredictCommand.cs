using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inference;
using VqDna.IO;
using VqDna.ModelFolders;
using VqDna.Models.Engines;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna predict`: classify sequences, or windows along them, with a fine-tuned model.</summary>
internal sealed class PredictCommand : VerbCommand<PredictSettings>
{
    private readonly Argument<string> input = new("input") { Description = "a CSV with a 'sequence' column (others allowed: 'id' names the rows, 'label' is scored), or FASTA/GenBank/FASTQ (plain or compressed)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "a `vqdna finetune` output folder, or a `vqdna baseline` model (OUT/cnn, OUT/kmer-lr)", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "predictions CSV: id[, start, end], predicted label, one probability column per class; - for standard output", Required = true };
    private readonly Option<int> batch = new("--batch") { Description = "sequences (or windows) per forward pass", DefaultValueFactory = _ => SequenceClassifier.DefaultBatchSize };
    private readonly Option<int?> window = new("--window") { Description = "predict windows of this many nucleotides along each record (one row per window) instead of one label per record" };
    private readonly Option<int?> stride = new("--stride") { Description = "nucleotides between window starts (default: the window, no overlap)" };
    private readonly Option<string?> bed = new("--bed") { Description = "also write the predicted regions as BED (needs --window)" };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("a learned tokenizer's encoder");
    private readonly DeviceOptions device = new(precision: false);
    private readonly Option<bool> force = new("--force") { Description = "use a LoRA adapter's base model even when its weights differ from those the adapter was trained on (warns)" };

    protected override Command Declare()
    {
        var command = new Command("predict", "Predict labels of sequences, or of windows along them, with a fine-tuned model (long sequences in chunks)")
            { input, model, output, batch, window, stride, bed, engine.Option, force };
        device.AddTo(command);
        return command;
    }

    protected override PredictSettings Bind(ParseResult parse) =>
        new(parse.GetValue(input)!, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(batch), engine.Get(parse), parse.GetValue(force),
            parse.GetValue(window), parse.GetValue(stride), parse.GetValue(bed)) { Compute = device.Read(parse) };

    protected override int Run(PredictSettings settings)
    {
        var console = Terminal.For(settings.Output == CodesFile.StandardStream || settings.Bed == CodesFile.StandardStream);
        var warnings = new SyncProgress<string>(warning => Terminal.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}"));
        var progress = new SyncProgress<string>(line => console.MarkupLine(Markup.Escape(line)));
        if (settings.Compute.EngineNote(settings.Engine) is { } note) console.MarkupLine(Markup.Escape(note));
        var summary = PredictJob.Run(settings.Input, settings.Model, settings.Output, settings.Batch, settings.Engine, settings.Windows, settings.Bed,
            settings.Force, warnings, progress, settings.Compute.Resolve().Device);
        console.MarkupLine($"predicted {summary.Rows:N0} {(settings.Windows is null ? "sequence(s)" : "window(s)")} in {summary.Seconds:F1} s → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]" +
            (settings.Bed is null ? "" : $" and [bold]{Markup.Escape(Paths.Describe(settings.Bed))}[/]"));
        if (summary.Scores is { } scores)
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"scored against the 'label' column ({scores.Count:N0} rows): accuracy {scores.Accuracy:F4}, MCC {scores.Mcc:F4}, macro F1 {scores.MacroF1:F4}"));
        if (summary.UnknownLabels.Count > 0)
            console.MarkupLine(Markup.Escape($"not scored: label(s) the model does not know: {string.Join(", ", summary.UnknownLabels.Take(10))} (the model's labels: {string.Join(", ", summary.Labels)})"));
        return 0;
    }
}
