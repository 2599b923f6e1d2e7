using Google.Protobuf;
using VqDna.Export;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch.Onnx;
using VqDna.Torch.Onnx.Proto;

namespace VqDna.Inference;

/// <summary>Makes the engine that runs an encoder's forward pass for embeddings.</summary>
public static class EncoderEngines
{
    /// <summary>
    /// An engine for <paramref name="encoder"/> and its <paramref name="inputs"/> (both stay the caller's). ONNX
    /// Runtime runs <paramref name="folder"/>/model.onnx when it is an encoder export at least as new as the folder's
    /// weights (a `vqdna export --onnx PRETRAINED` file placed there), else the encoder exported in memory;
    /// nothing is written.
    /// </summary>
    public static IEncoderEngine Create(DnaEncoder encoder, SequenceInputs inputs, InferenceEngine kind, string? folder = null)
    {
        switch (kind)
        {
            case InferenceEngine.Torch:
                return new TorchEncoderEngine(encoder, inputs);
            case InferenceEngine.Onnx:
                int layers = encoder.Config.Layers;
                if (folder is not null && OnnxFolder.UpToDateExport(folder) is { } file && File.ReadAllBytes(file) is var bytes && IsEncoder(bytes))
                    return new OnnxEncoderEngine(bytes, inputs, layers, $"'{file}'");
                return new OnnxEncoderEngine(ExportInMemory(encoder, inputs), inputs, layers, "the encoder exported in memory");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown inference engine");
        }
    }

    /// <summary>The serialized ONNX model of <paramref name="encoder"/>, as `vqdna export --onnx` writes it for a pre-trained folder.</summary>
    public static byte[] ExportInMemory(DnaEncoder encoder, SequenceInputs inputs) =>
        OnnxModelWriter.ToModel(EncoderOnnxExport.Build(encoder), EncoderOnnxExport.Info(encoder, inputs)).ToByteArray();

    /// <summary>Whether a model file is an encoder export (a fine-tuned folder's model.onnx is the classifier's).</summary>
    private static bool IsEncoder(byte[] bytes) =>
        ModelProto.Parser.ParseFrom(bytes).MetadataProps.Any(p => p.Key == OnnxMetadataKeys.Kind && p.Value == "encoder");
}
