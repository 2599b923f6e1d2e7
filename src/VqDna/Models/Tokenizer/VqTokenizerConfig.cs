using System.Text.Json.Serialization;
using VqDna.IO;
using VqDna.Quantization;

namespace VqDna.Models.Tokenizer;

/// <summary>
/// Architecture of a learned DNA tokenizer (VQDNA): one-hot nucleotides → stem Conv1d (kernel 5) →
/// LayerNorm → GELU → <see cref="Blocks"/> ConvNeXt-1D blocks → quantizer(s) → a symmetric decoder →
/// per-position logits over A, C, G, T, N. One code per nucleotide (no down-sampling) unless <see cref="Stride"/> says
/// otherwise. Saved as config.json; loading rebuilds the model from it.
/// </summary>
/// <param name="Width">Channels of the encoder and decoder (paper: 384).</param>
/// <param name="Blocks">ConvNeXt blocks in the encoder, and again in the decoder (paper: 6).</param>
/// <param name="CodebookSize">K, codes at level 1; level n has 2^(n−1)·K (paper: 512).</param>
/// <param name="CodeDim">Dimension of the codes (paper: 384).</param>
/// <param name="Levels">1 = VQ-VAE; 2 or more = Hierarchical Residual Quantization (paper: 2).</param>
/// <param name="Beta">Commitment weight (paper: 0.5).</param>
/// <param name="Decay">EMA decay of the codebooks.</param>
/// <param name="DeadCodeThreshold">EMA count under which a code is restarted (0: never).</param>
/// <param name="KMeansInit">Initialise codebooks by k-means++ on the first batch.</param>
/// <param name="Cosine">Cosine-similarity codes instead of L2.</param>
/// <param name="StemKernel">Kernel of the stem convolution (paper: 5).</param>
/// <param name="MixerKernel">Kernel of each block's depth-wise convolution (ConvNeXt: 7).</param>
/// <param name="Expansion">Width multiplier of each block's MLP (ConvNeXt: 4).</param>
/// <param name="LookupDim">Codes are looked up in a learned projection to this many dimensions (0: in CodeDim itself).</param>
/// <param name="Stride">
/// Bases per code. 1 (the paper's): one code per nucleotide. S &gt; 1 merges S stem positions into one before the blocks
/// and splits each decoded position back into S before the head, so a code must describe S bases (issue 21: fewer codes
/// per base). Measured by `bench/run.sh code-context --strides`; tokenize, pre-training and the exporters need 1.
/// </param>
public sealed record VqTokenizerConfig(
    int Width = 384,
    int Blocks = 6,
    int CodebookSize = 512,
    int CodeDim = 384,
    int Levels = 2,
    double Beta = 0.5,
    double Decay = 0.99,
    double DeadCodeThreshold = 1.0,
    bool KMeansInit = true,
    bool Cosine = false,
    int StemKernel = 5,
    int MixerKernel = 7,
    int Expansion = 4,
    int LookupDim = 0,
    int Stride = 1)
{
    /// <summary>Symbols per position: A, C, G, T, N.</summary>
    public const int Alphabet = 5;

    /// <summary>Nucleotides per inference window (tokenize, detokenize): long records run in stitched windows of this size.</summary>
    public const int DefaultInferenceWindow = 4096;

    /// <summary>Most windows per inference batch.</summary>
    public const int DefaultInferenceBatch = 32;

    /// <summary>"vq" for one level, "hrq" for several.</summary>
    [JsonIgnore]
    public string Kind => Levels == 1 ? "vq" : "hrq";

    /// <summary>Positions on each side that influence one position's code (stem, the merge of <see cref="Stride"/> bases and every depth-wise conv).</summary>
    [JsonIgnore]
    public int ReceptiveRadius => StemKernel / 2 + (Stride - 1) + Stride * Blocks * (MixerKernel / 2);

    /// <summary>The encoder block (1-based) after which level n (1-based) quantizes: n·N/L (N/2 and N for two levels).</summary>
    public int LevelBlock(int level) => (int)Math.Round((double)level * Blocks / Levels);

    /// <summary>Codes at level n (1-based): 2^(n−1)·K, coarse to fine.</summary>
    public int LevelCodebookSize(int level) => CodebookSize << (level - 1);

    /// <summary>
    /// The quantizer settings of level <paramref name="level"/> (1-based): its codebook size and this config's shared settings.
    /// </summary>
    public VectorQuantizerConfig QuantizerConfig(int level) =>
        new(LevelCodebookSize(level), CodeDim, Beta, Decay, DeadCodeThreshold: DeadCodeThreshold, KMeansInit: KMeansInit, Cosine: Cosine, LookupDim: LookupDim);

    /// <summary>
    /// The size `tokenizer train`, `bench` and the quickstart learn unless told otherwise: <see cref="TokenizerPreset.Small"/>
    /// (K = 512 and 1,024, code dimension 64). At an equal budget its backbone matched or beat the best hand-made tokenizer
    /// (overlapping 6-mers) on the three motif tasks, 3 seeds each, where the tiny one's pooled codes scored no better than
    /// base composition (issue 21; README, "A backbone on the small codes"). It trains about 4x slower than tiny.
    /// </summary>
    public const TokenizerPreset DefaultPreset = TokenizerPreset.Small;

    /// <summary>Tests: seconds on one CPU core.</summary>
    public static VqTokenizerConfig Tiny(int levels = 2) => new(Width: 32, Blocks: 2, CodebookSize: 32, CodeDim: 16, Levels: levels);

    /// <summary>CPU training in minutes.</summary>
    public static VqTokenizerConfig Small(int levels = 2) => new(Width: 128, Blocks: 4, CodebookSize: 512, CodeDim: 64, Levels: levels);

    /// <summary>The paper's tokenizer: 6 blocks, width 384, K = 512, code dimension 384.</summary>
    public static VqTokenizerConfig Paper(int levels = 2) => new(Levels: levels);

    /// <summary>A named preset with the given quantizer (VQ: one level; HRQ: <paramref name="hrqLevels"/>, default the paper's two).</summary>
    public static VqTokenizerConfig Preset(TokenizerPreset preset, QuantizerKind quantizer, int? hrqLevels = null)
    {
        int levels = quantizer switch
        {
            QuantizerKind.Vq when hrqLevels is null => 1,
            QuantizerKind.Vq => throw new ArgumentException($"a level count ({hrqLevels}) applies to HRQ; VQ has one level", nameof(hrqLevels)),
            QuantizerKind.Hrq => hrqLevels ?? 2,
            _ => throw new ArgumentOutOfRangeException(nameof(quantizer), quantizer, "unknown quantizer kind"),
        };
        return preset switch
        {
            TokenizerPreset.Tiny => Tiny(levels),
            TokenizerPreset.Small => Small(levels),
            TokenizerPreset.Paper => Paper(levels),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown preset"),
        };
    }

    /// <summary>A quantizer by its name, "vq" or "hrq" (a learned tokenizer's name in `--tokenizers`).</summary>
    public static QuantizerKind Quantizer(string name) => name switch
    {
        "vq" => QuantizerKind.Vq,
        "hrq" => QuantizerKind.Hrq,
        _ => throw new ArgumentException($"unknown quantizer '{name}': expected 'vq' or 'hrq'"),
    };

    /// <summary>A named preset ("tiny", "small", "paper") with the given quantizer ("vq" or "hrq"), from text.</summary>
    public static VqTokenizerConfig Preset(string name, string quantizer, int? hrqLevels = null)
    {
        var kind = Quantizer(quantizer);
        return name switch
        {
            "tiny" => Preset(TokenizerPreset.Tiny, kind, hrqLevels),
            "small" => Preset(TokenizerPreset.Small, kind, hrqLevels),
            "paper" => Preset(TokenizerPreset.Paper, kind, hrqLevels),
            _ => throw new ArgumentException($"unknown preset '{name}': expected 'tiny', 'small' or 'paper'"),
        };
    }

    /// <summary>
    /// Floats a training step keeps per position, a coarse upper bound for <c>MemoryBudget</c>: each encoder and
    /// decoder block's activations (input, mixer, norm, the MLP's expanded hidden twice, output) plus each level's
    /// distances to its codebook and their gradients.
    /// </summary>
    public double TrainingFloatsPerPosition() =>
        2.0 * Blocks * Width * (Expansion + 4) + 2.0 * Enumerable.Range(1, Levels).Sum(l => (double)LevelCodebookSize(l));

    /// <summary>Floats one inference pass holds per position (no gradients): the encoder's activations and the code distances.</summary>
    public double InferenceFloatsPerPosition() =>
        (double)Width * (Blocks * (Expansion + 4) + 4) + Enumerable.Range(1, Levels).Sum(l => (double)LevelCodebookSize(l));

    /// <summary>
    /// Throws for a tokenizer with more than one base per code where <paramref name="use"/> needs one code per nucleotide
    /// (codes files, N runs, windows stitched by position, the exported graphs).
    /// </summary>
    public void RequireOneCodePerBase(string use)
    {
        if (Stride != 1)
            throw new NotSupportedException($"this tokenizer has one code per {Stride} bases (stride {Stride}); {use} needs one code per base " +
                "(stride 1). Strided tokenizers are measured by bench/run.sh code-context only");
    }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public VqTokenizerConfig Validate()
    {
        if (Width < 1) throw new ArgumentOutOfRangeException(nameof(Width), Width, "must be positive");
        if (Blocks < 1) throw new ArgumentOutOfRangeException(nameof(Blocks), Blocks, "must be positive");
        if (Levels < 1 || Levels > Blocks) throw new ArgumentOutOfRangeException(nameof(Levels), Levels, $"must be in [1, Blocks = {Blocks}]");
        if (StemKernel < 1 || StemKernel % 2 == 0) throw new ArgumentOutOfRangeException(nameof(StemKernel), StemKernel, "must be odd and positive");
        if (MixerKernel < 1 || MixerKernel % 2 == 0) throw new ArgumentOutOfRangeException(nameof(MixerKernel), MixerKernel, "must be odd and positive");
        if (Expansion < 1) throw new ArgumentOutOfRangeException(nameof(Expansion), Expansion, "must be positive");
        if (Stride < 1) throw new ArgumentOutOfRangeException(nameof(Stride), Stride, "must be positive");
        for (int level = 1; level <= Levels; level++) QuantizerConfig(level).Validate();
        return this;
    }
}
