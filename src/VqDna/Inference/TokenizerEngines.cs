using Google.Protobuf;
using VqDna.Export;
using VqDna.Models.Tokenizer;
using VqDna.Torch.Onnx;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs a learned tokenizer's forward pass.</summary>
public static class TokenizerEngines
{
    /// <summary>
    /// An engine for <paramref name="model"/> (which stays the caller's). ONNX Runtime runs
    /// <paramref name="folder"/>/model.onnx when it is at least as new as the folder's weights; otherwise the model
    /// is exported in memory (milliseconds: the graph is small and the weights are copied once), so a folder
    /// without an export, or a read-only one, works all the same and nothing is written beside the user's files.
    /// </summary>
    public static ITokenizerEngine Create(VqTokenizerModel model, InferenceEngine kind, string? folder = null) => kind switch
    {
        InferenceEngine.Torch => new TorchTokenizerEngine(model),
        InferenceEngine.Onnx => OpenOnnx(model, folder),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine"),
    };

    private static OnnxTokenizerEngine OpenOnnx(VqTokenizerModel model, string? folder)
    {
        if (folder is not null && OnnxFolder.UpToDateExport(folder) is { } file)
            return new OnnxTokenizerEngine(File.ReadAllBytes(file), model.Config, $"'{file}'");
        return new OnnxTokenizerEngine(ExportInMemory(model), model.Config, $"the {model.Config.Kind} tokenizer exported in memory");
    }

    /// <summary>The serialized ONNX model of <paramref name="model"/>, as `vqdna export --onnx` would write it.</summary>
    public static byte[] ExportInMemory(VqTokenizerModel model) =>
        OnnxModelWriter.ToModel(TokenizerOnnxExport.Build(model), TokenizerOnnxExport.Info(model)).ToByteArray();
}
