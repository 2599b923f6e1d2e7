using System.Text.Json.Serialization;

namespace VqDna.Models.Encoder;

/// <summary>
/// Architecture of the DNA language model: a pre-LN BERT-style Transformer encoder with ALiBi attention
/// biases, over token ids or over a frozen learned tokenizer's code vectors. Saved as config.json next to
/// the weights; loading rebuilds the model from it. The defaults are BERT-base's (the VQDNA paper's
/// backbone) except where noted.
/// </summary>
/// <param name="Width">Hidden size d of every layer (BERT-base: 768).</param>
/// <param name="Layers">Number of Transformer blocks (BERT-base: 12).</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="Width"/> (BERT-base: 12).</param>
/// <param name="FeedForward">Inner size of each block's GELU MLP; 0 means 4 × Width (BERT: 3072 = 4 × 768). <see cref="Validate"/> resolves 0.</param>
/// <param name="Dropout">Dropout on the input embedding and on each residual branch (BERT: 0.1).</param>
/// <param name="AttentionDropout">Dropout on the attention weights (BERT: 0.1).</param>
/// <param name="LayerNormEps">Epsilon of every LayerNorm (PyTorch's default 1e-5; BERT's 1e-12 adds nothing in float32).</param>
/// <param name="MaxLength">Training context in tokens. Nothing in the model depends on it (ALiBi has no position
/// table and extrapolates past it); data pipelines use it to cut windows and chunk long inputs.</param>
/// <param name="VocabSize">Token-id input: vocabulary size, special tokens included; 0 for vector input.</param>
/// <param name="InputDim">Vector input: dimension of the tokenizer's code vectors, projected to Width by a Linear; 0 for id input.</param>
/// <param name="OutputVocab">One masked-modeling head per entry, each predicting that many classes:
/// [VocabSize] for id tokenizers, the level codebook sizes (e.g. [K, 2K]) for HRQ.</param>
/// <param name="PadId">Id of [PAD] (id input): its embedding row starts at zero and gets no gradient. 0 as <c>SpecialTokens.Default</c>.</param>
/// <param name="MaskId">Id of [MASK] (id input): positions flagged in <see cref="EncoderInput.MaskedPositions"/> read it. 4 as <c>SpecialTokens.Default</c>.</param>
public sealed record EncoderConfig(
    int Width = 768,
    int Layers = 12,
    int Heads = 12,
    int FeedForward = 0,
    double Dropout = 0.1,
    double AttentionDropout = 0.1,
    double LayerNormEps = 1e-5,
    int MaxLength = 512,
    int VocabSize = 0,
    int InputDim = 0,
    int[]? OutputVocab = null,
    int PadId = 0,
    int MaskId = 4)
{
    /// <summary>The inner MLP size, with 0 read as 4 × Width.</summary>
    [JsonIgnore]
    public int FeedForwardSize => FeedForward > 0 ? FeedForward : 4 * Width;

    /// <summary>The encoder's size in a few words, e.g. "4 layers × width 128": what tells a tiny backbone's run from a small one's in a chart title or a card.</summary>
    [JsonIgnore]
    public string Shape => $"{Layers} layers × width {Width}";

    /// <summary>True for token-id input (an embedding table), false for vector input (a projection).</summary>
    [JsonIgnore]
    public bool IdInput => VocabSize > 0;

    /// <summary>Tests and smoke runs: d 128, 4 layers, 4 heads (minutes of pre-training on 2 cores).</summary>
    public static EncoderConfig Tiny(EncoderInputSpec input) => FromSpec(input, width: 128, layers: 4, heads: 4, maxLength: 512);

    /// <summary>CPU-scale comparisons: d 256, 6 layers, 8 heads.</summary>
    public static EncoderConfig Small(EncoderInputSpec input) => FromSpec(input, width: 256, layers: 6, heads: 8, maxLength: 512);

    /// <summary>BERT-base, the paper's backbone: d 768, 12 layers, 12 heads, MLP 3072 (~86M parameters in the blocks).</summary>
    public static EncoderConfig Base(EncoderInputSpec input) => FromSpec(input, width: 768, layers: 12, heads: 12, maxLength: 512);

    /// <summary>A preset by name: "tiny", "small" or "base" (<see cref="EncoderPreset"/> in lower case).</summary>
    public static EncoderConfig Preset(string name, EncoderInputSpec input)
    {
        foreach (var preset in Enum.GetValues<EncoderPreset>())
            if (preset.ToString().ToLowerInvariant() == name) return Preset(preset, input);
        throw new ArgumentException($"unknown encoder preset '{name}': expected 'tiny', 'small' or 'base'", nameof(name));
    }

    /// <summary>A preset.</summary>
    public static EncoderConfig Preset(EncoderPreset preset, EncoderInputSpec input) => preset switch
    {
        EncoderPreset.Tiny => Tiny(input),
        EncoderPreset.Small => Small(input),
        EncoderPreset.Base => Base(input),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown encoder preset"),
    };

    private static EncoderConfig FromSpec(EncoderInputSpec input, int width, int layers, int heads, int maxLength) =>
        new EncoderConfig(Width: width, Layers: layers, Heads: heads, FeedForward: 4 * width, MaxLength: maxLength,
            VocabSize: input.VocabSize, InputDim: input.InputDim, OutputVocab: input.OutputVocab).Validate();

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range; returns the config
    /// with <see cref="FeedForward"/> resolved (0 → 4 × Width), which is what models keep and save.
    /// </summary>
    public EncoderConfig Validate()
    {
        Positive(Width, nameof(Width));
        Positive(Layers, nameof(Layers));
        Positive(Heads, nameof(Heads));
        if (Width % Heads != 0) throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"must divide Width = {Width}");
        if (FeedForward < 0) throw new ArgumentOutOfRangeException(nameof(FeedForward), FeedForward, "must be positive, or 0 for 4 × Width");
        Probability(Dropout, nameof(Dropout));
        Probability(AttentionDropout, nameof(AttentionDropout));
        if (!(LayerNormEps > 0)) throw new ArgumentOutOfRangeException(nameof(LayerNormEps), LayerNormEps, "must be positive");
        Positive(MaxLength, nameof(MaxLength));
        if (VocabSize < 0) throw new ArgumentOutOfRangeException(nameof(VocabSize), VocabSize, "must be positive, or 0 for vector input");
        if (InputDim < 0) throw new ArgumentOutOfRangeException(nameof(InputDim), InputDim, "must be positive, or 0 for id input");
        if ((VocabSize > 0) == (InputDim > 0))
            throw new ArgumentOutOfRangeException(nameof(VocabSize), VocabSize,
                $"exactly one of VocabSize (token ids) and InputDim (vectors) must be set, got VocabSize = {VocabSize}, InputDim = {InputDim}");
        if (OutputVocab is null || OutputVocab.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(OutputVocab), "null or empty", "needs one class count per masked-modeling head, e.g. [VocabSize] or [K, 2K]");
        for (int i = 0; i < OutputVocab.Length; i++)
            if (OutputVocab[i] < 2) throw new ArgumentOutOfRangeException(nameof(OutputVocab), OutputVocab[i], $"OutputVocab[{i}] must be at least 2");
        if (IdInput)
        {
            if (PadId < 0 || PadId >= VocabSize) throw new ArgumentOutOfRangeException(nameof(PadId), PadId, $"must be in [0, VocabSize = {VocabSize})");
            if (MaskId < 0 || MaskId >= VocabSize) throw new ArgumentOutOfRangeException(nameof(MaskId), MaskId, $"must be in [0, VocabSize = {VocabSize})");
        }
        return FeedForward == 0 ? this with { FeedForward = 4 * Width } : this;
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, "must be positive");
    }

    private static void Probability(double value, string name)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, "must be in [0, 1)");
    }

    /// <summary>Value equality, <see cref="OutputVocab"/> compared element by element (records compare arrays by reference).</summary>
    public bool Equals(EncoderConfig? other) =>
        other is not null && Width == other.Width && Layers == other.Layers && Heads == other.Heads
        && FeedForwardSize == other.FeedForwardSize && Dropout == other.Dropout && AttentionDropout == other.AttentionDropout
        && LayerNormEps == other.LayerNormEps && MaxLength == other.MaxLength && VocabSize == other.VocabSize
        && InputDim == other.InputDim && PadId == other.PadId && MaskId == other.MaskId
        && (OutputVocab ?? []).SequenceEqual(other.OutputVocab ?? []);

    /// <summary>A hash consistent with <see cref="Equals(EncoderConfig?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Width, Layers, Heads, VocabSize, InputDim, OutputVocab?.Length ?? 0);
}
