using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Evaluation;
using VqDna.Inference;
using VqDna.IO;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna predict`: classify sequences, or windows along them, with a fine-tuned model.</summary>
internal sealed class PredictCommand : VerbCommand<PredictSettings>
{
    private readonly Argument<string> input = new("input") { Description = "a CSV with a 'sequence' column (others allowed: 'id' names the rows, 'label' is scored), or FASTA/GenBank/FASTQ (plain or compressed)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "a `vqdna finetune` output folder", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "predictions CSV: id[, start, end], predicted label, one probability column per class; - for standard output", Required = true };
    private readonly Option<int> batch = new("--batch") { Description = "sequences (or windows) per forward pass", DefaultValueFactory = _ => 32 };
    private readonly Option<int?> window = new("--window") { Description = "predict windows of this many nucleotides along each record (one row per window) instead of one label per record" };
    private readonly Option<int?> stride = new("--stride") { Description = "nucleotides between window starts (default: the window, no overlap)" };
    private readonly Option<string?> bed = new("--bed") { Description = "also write the predicted regions as BED (needs --window)" };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("a learned tokenizer's encoder");

    /// <summary>Seconds between progress lines.</summary>
    private const double ProgressSeconds = 5;

    protected override Command Declare() => new("predict", "Predict labels of sequences, or of windows along them, with a fine-tuned model (long sequences in chunks)")
        { input, model, output, batch, window, stride, bed, engine.Option };

    protected override PredictSettings Bind(ParseResult parse) =>
        new(parse.GetValue(input)!, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(batch), engine.Get(parse),
            parse.GetValue(window), parse.GetValue(stride), parse.GetValue(bed));

    protected override int Run(PredictSettings settings)
    {
        var console = Terminal.For(settings.Output == CodesFile.StandardStream || settings.Bed == CodesFile.StandardStream);
        using var finetuned = FinetunedModel.Load(settings.Model, settings.Engine);
        var labels = finetuned.Labels.Names;
        var windows = settings.Windows;
        using var writer = new AtomicWriter(settings.Output);
        using var bedFile = settings.Bed is null ? null : new AtomicWriter(settings.Bed);
        var bed = bedFile is null ? null : new BedWriter(bedFile.Writer, labels, windows!);
        writer.Writer.WriteLine((windows is null ? "id," : "id,start,end,") + "predicted," + string.Join(",", labels.Select(l => "p_" + l)));
        var truth = new List<int>();
        var predicted = new List<int>();
        var unknownLabels = new SortedSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        double lastReport = 0;
        long rows = 0, bases = 0;
        foreach (var p in new Predictor(finetuned.Classifier, settings.Batch, windows).Predict(PredictionInputs.Read(settings.Input)))
        {
            var probabilities = string.Join(",", p.Probabilities.Select(x => x.ToString("G6", CultureInfo.InvariantCulture)));
            writer.Writer.WriteLine(windows is null
                ? $"{p.Id},{labels[p.Predicted]},{probabilities}"
                : string.Create(CultureInfo.InvariantCulture, $"{p.Id},{p.Start},{p.End},{labels[p.Predicted]},{probabilities}"));
            bed?.Add(p);
            if (p.Label is { } label)
            {
                int index = finetuned.Labels.IndexOf(label);
                if (index < 0) unknownLabels.Add(label);
                else { truth.Add(index); predicted.Add(p.Predicted); }
            }
            rows++;
            bases += p.End - p.Start;
            if (watch.Elapsed.TotalSeconds - lastReport >= ProgressSeconds)
            {
                lastReport = watch.Elapsed.TotalSeconds;
                console.MarkupLine($"predicted {rows:N0} {(windows is null ? "sequence(s)" : "window(s)")}, {bases / 1000.0:N1} kbp, {bases / lastReport / 1000:F1} kbp/s");
            }
        }
        bed?.Finish();
        writer.Commit();
        bedFile?.Commit();
        console.MarkupLine($"predicted {rows:N0} {(windows is null ? "sequence(s)" : "window(s)")} in {watch.Elapsed.TotalSeconds:F1} s → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]" +
            (settings.Bed is null ? "" : $" and [bold]{Markup.Escape(Paths.Describe(settings.Bed))}[/]"));
        if (truth.Count > 0)
        {
            var scores = ClassificationMetrics.Compute(truth, predicted, labels.Count);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"scored against the 'label' column ({scores.Count:N0} rows): accuracy {scores.Accuracy:F4}, MCC {scores.Mcc:F4}, macro F1 {scores.MacroF1:F4}"));
        }
        if (unknownLabels.Count > 0)
            console.MarkupLine(Markup.Escape($"not scored: label(s) the model does not know: {string.Join(", ", unknownLabels.Take(10))} (the model's labels: {string.Join(", ", labels)})"));
        return 0;
    }
}
