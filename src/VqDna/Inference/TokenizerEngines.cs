using Google.Protobuf;
using VqDna.Export;
using VqDna.Models.Tokenizer;
using VqDna.Torch.Onnx;
using VqDna.Tokenizers.Learned;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs a learned tokenizer's forward pass.</summary>
public static class TokenizerEngines
{
    /// <summary>The exported graph's file name in a tokenizer folder (what `vqdna export --onnx` writes there by default).</summary>
    public const string OnnxFile = "model.onnx";

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
        if (folder is not null && ExportedFile(folder) is { } file)
            return new OnnxTokenizerEngine(File.ReadAllBytes(file), model.Config, $"'{file}'");
        return new OnnxTokenizerEngine(ExportInMemory(model), model.Config, $"the {model.Config.Kind} tokenizer exported in memory");
    }

    /// <summary>The serialized ONNX model of <paramref name="model"/>, as `vqdna export --onnx` would write it.</summary>
    public static byte[] ExportInMemory(VqTokenizerModel model) =>
        OnnxModelWriter.ToModel(TokenizerOnnxExport.Build(model), TokenizerOnnxExport.Info(model)).ToByteArray();

    /// <summary>The folder's model.onnx when it is not older than model.safetensors, else null.</summary>
    public static string? ExportedFile(string folder)
    {
        var onnx = Path.Combine(folder, OnnxFile);
        var weights = Path.Combine(folder, VqTokenizerFolder.WeightsFile);
        return File.Exists(onnx) && File.GetLastWriteTimeUtc(onnx) >= File.GetLastWriteTimeUtc(weights) ? onnx : null;
    }
}
