using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Datasets;
using VqDna.Inference;
using VqDna.IO;
using VqDna.Sequences.Readers;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna predict`: classify sequences with a fine-tuned model.</summary>
internal sealed class PredictCommand : VerbCommand<PredictSettings>
{
    private readonly Argument<string> input = new("input") { Description = "a CSV with a 'sequence' column (GUE layout), or FASTA/GenBank/FASTQ (plain or compressed)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "a `vqdna finetune` output folder", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "predictions CSV: id, predicted label, one probability column per class; - for standard output", Required = true };
    private readonly Option<int> batch = new("--batch") { Description = "sequences per forward pass", DefaultValueFactory = _ => 32 };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("a learned tokenizer's encoder");
    private readonly Option<bool> force = new("--force") { Description = "use a LoRA adapter's base model even when its weights differ from those the adapter was trained on (warns)" };

    protected override Command Declare() => new("predict", "Predict labels of sequences with a fine-tuned model (long sequences in chunks)") { input, model, output, batch, engine.Option, force };

    protected override PredictSettings Bind(ParseResult parse) =>
        new(parse.GetValue(input)!, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(batch), engine.Get(parse), parse.GetValue(force));

    protected override int Run(PredictSettings settings)
    {
        var console = Terminal.For(settings.Output == CodesFile.StandardStream);
        var records = Read(settings.Input);
        using var finetuned = FinetunedModel.Load(settings.Model, settings.Engine, settings.Force);
        if (finetuned.BaseWarning is { } warning) Terminal.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        var probabilities = finetuned.Classifier.Probabilities(records.Select(r => r.sequence).ToList(), settings.Batch);
        var labels = finetuned.Labels.Names;
        using var writer = new AtomicWriter(settings.Output);
        writer.Writer.WriteLine("id,predicted," + string.Join(",", labels.Select(l => "p_" + l)));
        for (int i = 0; i < records.Count; i++)
        {
            var p = probabilities[i];
            int best = Array.IndexOf(p, p.Max());
            writer.Writer.WriteLine($"{records[i].id},{labels[best]}," + string.Join(",", p.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))));
        }
        writer.Commit();
        console.MarkupLine($"predicted {records.Count} sequence(s) → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        return 0;
    }

    /// <summary>CSV rows (id = row number) or sequence records (id = record id, commas replaced).</summary>
    private static List<(string id, string sequence)> Read(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return GueCsv.ReadSequences(path).Select((s, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), s)).ToList();
        return SequenceFile.Read(path).Select(r => (r.Id.Replace(',', '_'), r.Sequence)).ToList();
    }
}
