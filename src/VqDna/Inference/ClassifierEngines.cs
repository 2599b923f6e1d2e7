using Google.Protobuf;
using VqDna.Export;
using VqDna.Torch.Onnx;
using VqDna.Training.Finetuning;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs a fine-tuned classifier's forward pass.</summary>
public static class ClassifierEngines
{
    /// <summary>
    /// An engine for <paramref name="model"/> (which stays the caller's). ONNX Runtime runs
    /// <paramref name="folder"/>/model.onnx when it is at least as new as the folder's weights, else the model
    /// exported in memory; nothing is written.
    /// </summary>
    public static IClassifierEngine Create(FinetunedModel model, InferenceEngine kind, string? folder = null) => kind switch
    {
        InferenceEngine.Torch => new TorchClassifierEngine(model.Classifier),
        InferenceEngine.Onnx => folder is not null && OnnxFolder.UpToDateExport(folder) is { } file
            ? new OnnxClassifierEngine(File.ReadAllBytes(file), model.Classifier.Inputs, $"'{file}'")
            : new OnnxClassifierEngine(ExportInMemory(model), model.Classifier.Inputs, "the classifier exported in memory"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine"),
    };

    /// <summary>The serialized ONNX model of <paramref name="model"/>, as `vqdna export --onnx` would write it.</summary>
    public static byte[] ExportInMemory(FinetunedModel model) =>
        OnnxModelWriter.ToModel(ClassifierOnnxExport.Build(model.Classifier.Model), ClassifierOnnxExport.Info(model)).ToByteArray();
}
