using VqDna.Models.Tokenizer;

namespace VqDna.Inference;

/// <summary>Placeholder until the exporter lands (branch onnx-export): the serialized ONNX model of a tokenizer.</summary>
internal static class OnnxExport
{
    public static byte[] Tokenizer(VqTokenizerModel model) => throw new NotSupportedException("the ONNX exporter has not landed yet");
}
