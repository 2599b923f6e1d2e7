using Google.Protobuf;
using VqDna.Export;
using VqDna.Models.Engines;
using VqDna.Torch.Onnx;
using VqDna.Datasets;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs a fine-tuned classifier's forward pass.</summary>
public static class ClassifierEngines
{
    /// <summary>
    /// An engine for <paramref name="classifier"/> (which stays the caller's; <paramref name="labels"/> go into the
    /// exported graph's metadata). ONNX Runtime runs
    /// <paramref name="folder"/>/model.onnx when it is at least as new as the folder's weights, else the model
    /// exported in memory; nothing is written.
    /// </summary>
    public static IClassifierEngine Create(SequenceClassifier classifier, LabelSet labels, InferenceEngine kind, string? folder = null) => kind switch
    {
        InferenceEngine.Torch => new TorchClassifierEngine(classifier),
        InferenceEngine.Onnx => folder is not null && OnnxFolder.UpToDateExport(folder) is { } file
            ? new OnnxClassifierEngine(File.ReadAllBytes(file), classifier.Inputs, $"'{file}'")
            : new OnnxClassifierEngine(ExportInMemory(classifier, labels), classifier.Inputs, "the classifier exported in memory"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine"),
    };

    /// <summary>The serialized ONNX model of <paramref name="classifier"/>, as `vqdna export --onnx` would write it.</summary>
    public static byte[] ExportInMemory(SequenceClassifier classifier, LabelSet labels) =>
        OnnxModelWriter.ToModel(ClassifierOnnxExport.Build(classifier.Model), ClassifierOnnxExport.Info(classifier.Model, classifier.Inputs, labels)).ToByteArray();
}
