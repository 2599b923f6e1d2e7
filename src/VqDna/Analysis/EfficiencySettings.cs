using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.IO;
using VqDna.Training;

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

    /// <summary>The largest codebook a variant may have: 64 times the paper's largest K; larger is a typo.</summary>
    public const int MaxCodebookSize = 65_536;

    /// <summary>The largest code dimension a variant may have: 16 times the paper's largest.</summary>
    public const int MaxCodeDim = 12_288;

    /// <summary>The codebook sizes compared: <see cref="CodebookSizes"/>, or the paper's when null.</summary>
    public int[] Sizes => CodebookSizes ?? [.. PaperCodebookSizes];
    /// <summary>The code dimensions compared: <see cref="CodeDims"/>, or the paper's when null.</summary>
    public int[] Dims => CodeDims ?? [.. PaperCodeDims];

    /// <summary>
    /// Every variant of the study in order, without repeats: the codebook-size study (VQ and HRQ at each K, code
    /// dimension <see cref="DefaultCodeDim"/>), then the code-dimension study at K = <see cref="DimStudyCodebookSize"/>.
    /// </summary>
    public IReadOnlyList<EfficiencyVariant> Variants() =>
        Sizes.SelectMany(k => new[] { new EfficiencyVariant("codebook size", QuantizerKind.Vq, k, DefaultCodeDim), new EfficiencyVariant("codebook size", QuantizerKind.Hrq, k, DefaultCodeDim) })
            .Concat(Dims.SelectMany(d => new[] { new EfficiencyVariant("code dim", QuantizerKind.Vq, DimStudyCodebookSize, d), new EfficiencyVariant("code dim", QuantizerKind.Hrq, DimStudyCodebookSize, d) }))
            .Distinct()
            .ToList();

    /// <summary>The tokenizer training of one variant.</summary>
    public TokenizerTrainingConfig TrainingConfig(EfficiencyVariant variant)
    {
        var model = VqTokenizerConfig.Preset(BasePreset, variant.Quantizer) with { CodebookSize = variant.CodebookSize, CodeDim = variant.CodeDim };
        var optimization = TokenizerTrainingConfig.DefaultOptimization(Steps, Seed) with { CheckpointEvery = Math.Max(1, Steps / 5) };
        return new TokenizerTrainingConfig(model, optimization, WindowLength, BatchSize);
    }

    /// <summary>
    /// Checks every variant before the first one trains (issue 19: a bad K failed after the earlier variants had run),
    /// blaming <see cref="CodebookSizes"/> or <see cref="CodeDims"/> by name when one of their values cannot work.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Named after the setting at fault.</exception>
    public EfficiencySettings Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be positive");
        foreach (var variant in Variants())
        {
            var config = TrainingConfig(variant);
            // The study's own field names (K and D are list entries here), checked before the model's own validation.
            string kField = variant.Study == "code dim" ? nameof(DimStudyCodebookSize) : nameof(CodebookSizes);
            if (variant.CodebookSize < 2) throw new ArgumentOutOfRangeException(kField, variant.CodebookSize, "must be at least 2");
            MemoryBudget.AtMost(kField, variant.CodebookSize, MaxCodebookSize);
            string dField = variant.Study == "code dim" ? nameof(CodeDims) : nameof(DefaultCodeDim);
            if (variant.CodeDim < 1) throw new ArgumentOutOfRangeException(dField, variant.CodeDim, "must be positive");
            MemoryBudget.AtMost(dField, variant.CodeDim, MaxCodeDim);
            MemoryBudget.Fits(kField, variant.CodebookSize, $"one {config.Model.Kind} training step at K = {variant.CodebookSize} ({BatchSize} × {WindowLength} nt)",
                config.StepBytes());
            config.Validate();
        }
        return this;
    }
}
