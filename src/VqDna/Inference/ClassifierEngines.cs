using Google.Protobuf;
using VqDna.Datasets;
using VqDna.Export;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch.Onnx;
using VqDna.Torch.Onnx.Proto;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs a fine-tuned classifier's forward pass.</summary>
public static class ClassifierEngines
{
    /// <summary>
    /// An engine for <paramref name="classifier"/> (which stays the caller's; <paramref name="labels"/> go into the
    /// exported graph's metadata). ONNX Runtime runs <paramref name="folder"/>/model.onnx when it is at least as new
    /// as the folder's weights and reads the encoder's inputs and has the <c>pooled</c> output, else the model exported in memory; nothing is written.
    /// </summary>
    public static IClassifierEngine Create(SequenceClassifier classifier, LabelSet labels, InferenceEngine kind, string? folder = null)
    {
        switch (kind)
        {
            case InferenceEngine.Torch:
                return new TorchClassifierEngine(classifier);
            case InferenceEngine.Onnx:
                var network = classifier.Model;
                var head = Bytes(ClassifierOnnxExport.BuildHead(network));
                if (folder is not null && OnnxFolder.UpToDateExport(folder) is { } file && File.ReadAllBytes(file) is var bytes && HasPooledOutput(bytes))
                    return new OnnxClassifierEngine(bytes, head, classifier.Inputs, network.Config.MaxLength, $"'{file}'", network.Classifier.Pooling);
                return new OnnxClassifierEngine(ExportInMemory(classifier, labels), head, classifier.Inputs, network.Config.MaxLength, "the classifier exported in memory", network.Classifier.Pooling);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine");
        }
    }

    /// <summary>An ONNX engine for a bare classifier network (benchmarks, tests): both graphs exported in memory.</summary>
    public static OnnxClassifierEngine CreateOnnx(DnaForSequenceClassification network, Inputs.SequenceInputs inputs) =>
        new(Bytes(ClassifierOnnxExport.Build(network)), Bytes(ClassifierOnnxExport.BuildHead(network)), inputs, network.Config.MaxLength, "the classifier exported in memory",
            network.Classifier.Pooling);

    /// <summary>The serialized ONNX model of <paramref name="classifier"/>, as `vqdna export --onnx` would write it.</summary>
    public static byte[] ExportInMemory(SequenceClassifier classifier, LabelSet labels) =>
        OnnxModelWriter.ToModel(ClassifierOnnxExport.Build(classifier.Model), ClassifierOnnxExport.Info(classifier.Model, classifier.Inputs, labels)).ToByteArray();

    private static byte[] Bytes(OnnxGraph graph) => OnnxModelWriter.ToModel(graph, new OnnxModelInfo("vqdna", BuildInfo.Version, [])).ToByteArray();

    /// <summary>
    /// Whether a model file is a classifier graph this engine can feed: the encoder's inputs (an end-to-end export
    /// takes nucleotides) and the <c>pooled</c> output the chunking engine reads (older exports lack it).
    /// </summary>
    private static bool HasPooledOutput(byte[] bytes)
    {
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        return graph.Output.Any(o => o.Name == ClassifierOnnxExport.PooledOutput)
            && graph.Input.Any(i => i.Name is ClassifierOnnxExport.IdsInput or ClassifierOnnxExport.VectorsInput);
    }
}
