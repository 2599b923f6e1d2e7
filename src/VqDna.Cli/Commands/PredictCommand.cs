using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inference;
using VqDna.IO;
using VqDna.ModelFolders;
using VqDna.Models.Engines;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna predict`: classify sequences with a fine-tuned model.</summary>
internal sealed class PredictCommand : VerbCommand<PredictSettings>
{
    private readonly Argument<string> input = new("input") { Description = "a CSV with a 'sequence' column (GUE layout), or FASTA/GenBank/FASTQ (plain or compressed)" };
    private readonly Option<string> model = new("--model", "-m") { Description = "a `vqdna finetune` output folder", Required = true };
    private readonly Option<string> output = new("--output", "-o") { Description = "predictions CSV: id, predicted label, one probability column per class; - for standard output", Required = true };
    private readonly Option<int> batch = new("--batch") { Description = "sequences per forward pass", DefaultValueFactory = _ => SequenceClassifier.DefaultBatchSize };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("a learned tokenizer's encoder");
    private readonly Option<bool> force = new("--force") { Description = "use a LoRA adapter's base model even when its weights differ from those the adapter was trained on (warns)" };

    protected override Command Declare() => new("predict", "Predict labels of sequences with a fine-tuned model (long sequences in chunks)") { input, model, output, batch, engine.Option, force };

    protected override PredictSettings Bind(ParseResult parse) =>
        new(parse.GetValue(input)!, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(batch), engine.Get(parse), parse.GetValue(force));

    protected override int Run(PredictSettings settings)
    {
        var console = Terminal.For(settings.Output == CodesFile.StandardStream);
        var warnings = new SyncProgress<string>(warning => Terminal.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}"));
        int count = PredictJob.Run(settings.Input, settings.Model, settings.Output, settings.Batch, settings.Engine, settings.Force, warnings);
        console.MarkupLine($"predicted {count} sequence(s) → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/]");
        return 0;
    }
}
