using Google.Protobuf;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using VqDna.Torch.Onnx;

namespace VqDna.Inference;

/// <summary>
/// Makes the engine that runs a learned tokenizer's forward pass and hands it to the tokenizer: the tokenizer
/// itself sits below the ONNX export and cannot make one (issue 17).
/// </summary>
public static class TokenizerEngines
{
    /// <summary>
    /// An engine for <paramref name="model"/> (which stays the caller's). ONNX Runtime runs
    /// <paramref name="folder"/>/model.onnx when it is at least as new as the folder's weights; otherwise the model
    /// is exported in memory (milliseconds: the graph is small and the weights are copied once), so a folder
    /// without an export, or a read-only one, works all the same and nothing is written beside the user's files.
    /// </summary>
    /// <remarks>libtorch runs the model where it lives, <paramref name="device"/> (the CPU unless given).</remarks>
    public static ITokenizerEngine Create(VqTokenizerModel model, InferenceEngine kind, string? folder = null, Device? device = null) => kind switch
    {
        InferenceEngine.Torch => new TorchTokenizerEngine(model, device),
        InferenceEngine.Onnx => OpenOnnx(model, folder),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine"),
    };

    /// <summary>
    /// Loads a tokenizer folder (config.json, model.safetensors, tokenizer.json), encoding on <paramref name="engine"/>
    /// on <paramref name="device"/> (the CPU unless given; on a GPU the engine is libtorch: <see cref="InferenceEngines.On"/>).
    /// </summary>
    public static LearnedTokenizer Load(string directory, int window = VqTokenizerConfig.DefaultInferenceWindow, int batchSize = VqTokenizerConfig.DefaultInferenceBatch,
        InferenceEngine engine = InferenceDefaults.Engine, Device? device = null)
    {
        var tokenizer = LearnedTokenizer.Load(directory, window, batchSize);
        try
        {
            tokenizer.To(device ?? Device.CPU);
            tokenizer.UseEngine(engine);
            return tokenizer;
        }
        catch
        {
            tokenizer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Encodes on <paramref name="kind"/> from now on. ONNX Runtime runs the tokenizer folder's model.onnx when it is
    /// at least as new as the weights, else the model exported in memory (<see cref="Create"/>); it runs on the CPU
    /// only, so a tokenizer moved to a GPU keeps libtorch (<see cref="InferenceEngines.On"/>).
    /// </summary>
    public static void UseEngine(this LearnedTokenizer tokenizer, InferenceEngine kind)
    {
        kind = kind.On(tokenizer.Device);
        if (tokenizer.Engine.Kind == kind) return;
        tokenizer.UseEngine(Create(tokenizer.Model, kind, tokenizer.Folder, tokenizer.Device));
    }

    /// <summary>
    /// Runs the tokenizer's network, if it has one (a learned tokenizer's encoder), on <paramref name="kind"/> from
    /// now on. Hand-made tokenizers have no network: nothing changes.
    /// </summary>
    public static void UseEngine(this SequenceInputs inputs, InferenceEngine kind)
    {
        if (inputs is CodeVectorInputs codes) codes.Tokenizer.UseEngine(kind);
    }

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
