using VqDna.Models.Encoder;

namespace VqDna.Tests.Models.Encoder;

/// <summary>The tests' encoder: hidden 32, 2 layers, 4 heads (Hugging Face's tiny test size).</summary>
internal static class TinyEncoder
{
    public static EncoderConfig Config(EncoderInputSpec input, int maxLength = 64) =>
        new EncoderConfig(Width: 32, Layers: 2, Heads: 4, FeedForward: 64, MaxLength: maxLength,
            VocabSize: input.VocabSize, InputDim: input.InputDim, OutputVocab: input.OutputVocab).Validate();

    /// <summary>Id input over a 12-token vocabulary (5 special tokens + 7).</summary>
    public static EncoderConfig Ids() => Config(EncoderInputSpec.Ids(12));

    /// <summary>Two-level HRQ-like vector input: 8-dimensional codes, codebooks of 16 and 32.</summary>
    public static EncoderConfig Vectors() => Config(EncoderInputSpec.Vectors(8, 16, 32));
}
