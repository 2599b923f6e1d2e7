using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;

namespace VqDna.Analysis;

/// <summary>Settings of the tokenization-efficiency study.</summary>
/// <param name="BasePreset">Preset whose width and depth every variant shares.</param>
/// <param name="CodebookSizes">K values compared for VQ and HRQ (the paper: 128, 256, 512, 1024).</param>
/// <param name="CodeDims">Code dimensions compared at K = <see cref="DimStudyCodebookSize"/> (the paper: 256, 384, 768).</param>
/// <param name="DimStudyCodebookSize">K of the code-dimension study (the paper: 512).</param>
/// <param name="DefaultCodeDim">Code dimension of the codebook-size study.</param>
/// <param name="Steps">Training steps per tokenizer.</param>
/// <param name="WindowLength">Training window.</param>
/// <param name="BatchSize">Training batch.</param>
/// <param name="Seed">Seed of every run.</param>
/// <param name="Engine">What runs the trained encoders for the linear probe's embeddings (training always runs on libtorch).</param>
public sealed record EfficiencySettings(
    TokenizerPreset BasePreset = TokenizerPreset.Tiny,
    int[]? CodebookSizes = null,
    int[]? CodeDims = null,
    int DimStudyCodebookSize = 512,
    int DefaultCodeDim = 256,
    int Steps = 300,
    int WindowLength = 256,
    int BatchSize = 16,
    ulong Seed = 0,
    InferenceEngine Engine = InferenceDefaults.Engine)
{
    /// <summary>The paper's codebook sizes, compared when none are given.</summary>
    public static readonly IReadOnlyList<int> PaperCodebookSizes = [128, 256, 512, 1024];

    /// <summary>The paper's code dimensions, compared when none are given.</summary>
    public static readonly IReadOnlyList<int> PaperCodeDims = [256, 384, 768];

    public int[] Sizes => CodebookSizes ?? [.. PaperCodebookSizes];
    public int[] Dims => CodeDims ?? [.. PaperCodeDims];
}
