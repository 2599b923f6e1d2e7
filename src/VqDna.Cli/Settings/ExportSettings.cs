using VqDna.Inference;
using VqDna.IO;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna export`, named after their options.</summary>
/// <param name="Onnx">The model folder to write as ONNX (--onnx): a learned tokenizer, a pre-trained encoder or a fine-tuned classifier.</param>
/// <param name="Output">The .onnx file to write, or - for standard output (--output).</param>
/// <param name="EndToEnd">Fold a classifier's learned tokenizer into its graph (--end-to-end).</param>
internal sealed record ExportSettings(string Onnx, string Output, bool EndToEnd = false) : IVerbSettings
{
    public void Validate()
    {
        Check.InputFolder("--onnx", Onnx, "a learned tokenizer folder, a `vqdna pretrain` output folder or a `vqdna finetune` output folder");
        // DIR/model.onnx is allowed: it is the export the folder's engines look for, and export never reads it.
        Check.OutputFile("--output", Output, new ReadPath("--onnx", Onnx, Derived: OnnxFolder.OnnxFile));
    }
}
