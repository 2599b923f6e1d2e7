using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Export;
using VqDna.ModelFolders;
using VqDna.Torch.Onnx;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna export --onnx MODEL_DIR -o model.onnx`: a learned tokenizer, a pre-trained encoder, a fine-tuned classifier or a classical baseline as an ONNX file.</summary>
internal sealed class ExportCommand : VerbCommand<ExportSettings>
{
    private readonly Option<string> onnx = new("--onnx")
    {
        Description = "the model folder to write as ONNX: a learned tokenizer (vq/hrq), a `vqdna pretrain` output (the encoder: hidden states and pooled vector), a `vqdna finetune` output or a `vqdna baseline` model (OUT/cnn, OUT/kmer-lr: nucleotides in)",
        HelpName = "MODEL_DIR",
        Required = true,
    };
    private readonly Option<string> output = new("--output", "-o") { Description = "the .onnx file to write; - for standard output", Required = true };
    private readonly Option<bool> endToEnd = new("--end-to-end") { Description = "a classifier over a learned tokenizer: fold the tokenizer in, one graph from nucleotides to probabilities" };

    protected override Command Declare() =>
        new("export", $"Write a learned tokenizer, a pre-trained encoder, a fine-tuned classifier or a classical baseline as an ONNX file (opset {OnnxOpset.Version}), for ONNX Runtime in any language") { onnx, output, endToEnd };

    protected override ExportSettings Bind(ParseResult parse) => new(parse.GetValue(onnx)!, parse.GetValue(output)!, parse.GetValue(endToEnd));

    protected override int Run(ExportSettings settings)
    {
        var console = Terminal.For(settings.Output == "-");
        var result = OnnxExporter.Export(settings.Onnx, settings.Output, settings.EndToEnd);
        string kind = result.Kind switch
        {
            OnnxExportKind.Tokenizer => "tokenizer",
            OnnxExportKind.Encoder => "pre-trained encoder",
            OnnxExportKind.Baseline => "classical baseline",
            _ => settings.EndToEnd ? "classifier with its tokenizer" : "classifier",
        };
        console.MarkupLine($"exported the {kind} in {Markup.Escape(settings.Onnx)} → [bold]{Markup.Escape(Paths.Describe(settings.Output))}[/] " +
                           $"({result.Bytes / 1024.0:N0} KiB, opset {OnnxOpset.Version})");
        console.MarkupLine($"  inputs:  {Markup.Escape(string.Join(", ", result.Inputs))}");
        console.MarkupLine($"  outputs: {Markup.Escape(string.Join(", ", result.Outputs))}");
        return 0;
    }
}
