using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// The VQDNA language-model backbone: a BERT-style Transformer encoder over DNA tokens.
///
/// What the VQDNA paper (Li et al., ICML 2024) says: a BERT-base backbone (86M parameters) pre-trained by
/// masked code modeling over the learned vocabulary, 25% of positions masked, the tokenizer's codebook
/// frozen; then LoRA fine-tuning with a task head.
///
/// What we chose where it is silent:
///  - Positions: ALiBi as DNABERT-2 (see <see cref="Alibi"/>): works past the training length.
///  - Pre-LN blocks with a final LayerNorm (see <see cref="EncoderLayer"/>), GELU MLP 4 × Width.
///  - Input for learned tokenizers: the frozen tokenizer's embedding per nucleotide (for HRQ, the mean of the
///    levels' quantized vectors, as the tokenizer itself combines them), projected by a Linear
///    (<c>input_projection</c>) to Width. Ids for the other tokenizers go through an embedding table
///    (<c>token_embedding</c>).
///  - Masking vector input: a masked position's projected vector is replaced by a learned
///    <c>mask_vector</c> (Width) after the projection, the counterpart of BERT's [MASK] embedding row; it lives
///    in model space, so it does not depend on the frozen codebook's scale.
///  - BERT's initialisation: Linear and embedding weights N(0, 0.02), biases 0.
/// </summary>
public sealed class DnaEncoder : Module
{
    /// <summary>The value added at padded keys: float32's lowest, as Hugging Face BERT (no NaN for an all-padding row).</summary>
    public const double PaddingBias = -3.4028234663852886e38;

    /// <summary>Builds the encoder described by <paramref name="config"/> (validated first), BERT-initialised.</summary>
    public DnaEncoder(EncoderConfig config)
    {
        Config = config.Validate();
        if (Config.IdInput)
            token_embedding = RegisterModule("token_embedding", new Embedding(Config.VocabSize, Config.Width, Config.PadId));
        else
        {
            RegisterModule("input_projection", new Linear(Config.InputDim, Config.Width));
            mask_vector = RegisterParameter("mask_vector", torch.empty([Config.Width]));
        }
        dropout = RegisterModule("dropout", new Dropout(Config.Dropout));
        layers = RegisterModule("layers", new ModuleList<EncoderLayer>(Enumerable.Range(0, Config.Layers).Select(_ => new EncoderLayer(Config))));
        final_norm = RegisterModule("final_norm", new LayerNorm(Config.Width, Config.LayerNormEps));
        BertInit.Apply(this);
        using var noGrad = torch.no_grad();
        if (mask_vector is not null) mask_vector.normal_(0, BertInit.Std);
        if (token_embedding is not null)
        {
            using var padRow = token_embedding.weight.select(0, Config.PadId);
            padRow.zero_();                                                         // [PAD] embeds to zero, as nn.Embedding(padding_idx)
        }
    }

    /// <summary>The architecture it was built from.</summary>
    public EncoderConfig Config { get; }

    /// <summary>Token id embeddings (vocab, Width), the [PAD] row zero; null for vector input.</summary>
    public Embedding? token_embedding { get; }
    /// <summary>Vector input's projection (read through GetModule, so LoRA may wrap it); null for id input.</summary>
    public Module<Tensor, Tensor>? input_projection => Config.IdInput ? null : GetModule<Module<Tensor, Tensor>>("input_projection");
    /// <summary>The learned vector that replaces a masked position's projected input (Width); null for id input.</summary>
    public Tensor? mask_vector { get; }
    /// <summary>Dropout on the embedded input.</summary>
    public Dropout dropout { get; }
    /// <summary>The Transformer blocks, in order.</summary>
    public ModuleList<EncoderLayer> layers { get; }
    /// <summary>The LayerNorm after the last block (pre-LN).</summary>
    public LayerNorm final_norm { get; }

    /// <summary>The hidden states (B, T, Width) of <paramref name="input"/> and their mean over real tokens (B, Width).</summary>
    public EncoderOutput Forward(EncoderInput input)
    {
        using var keep = RealTokens(input);                                        // (B, T) bool
        var hidden = Hidden(input, keep, Config.Layers);
        return new EncoderOutput(hidden, MeanPool(hidden, keep));
    }

    /// <summary>
    /// The hidden states (B, T, D) after <paramref name="layer"/> blocks, as Hugging Face's
    /// <c>hidden_states[layer]</c>: 0 is the embedded input, 1 … Layers − 1 a block's raw output, and Layers the
    /// last block's output after the final LayerNorm (<see cref="Forward"/>'s <c>HiddenStates</c>).
    /// </summary>
    public Tensor HiddenStates(EncoderInput input, int layer)
    {
        if (layer < 0 || layer > Config.Layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"--layer must be 0 … {Config.Layers} (this encoder has {Config.Layers} layers)");
        using var keep = RealTokens(input);
        return Hidden(input, keep, layer);
    }

    private Tensor Hidden(EncoderInput input, Tensor keep, int count)
    {
        using var embedded = Embed(input);                                         // (B, T, D)
        using var bias = AttentionBias(keep);                                      // (B, H, T, T)
        var x = dropout.Forward(embedded);
        foreach (var layer in layers.Take(count))
        {
            var next = layer.Forward(x, bias);
            x.Dispose();
            x = next;
        }
        if (count < Config.Layers) return x;
        var hidden = final_norm.Forward(x);
        x.Dispose();
        return hidden;
    }

    /// <summary>Token embeddings or projected code vectors, with masked positions replaced.</summary>
    private Tensor Embed(EncoderInput input)
    {
        if (Config.IdInput)
        {
            var ids = input.InputIds ?? throw new ArgumentException("this encoder reads token ids (VocabSize > 0) but EncoderInput.InputIds is null");
            if (input.InputVectors is not null) throw new ArgumentException("this encoder reads token ids: EncoderInput.InputVectors must be null");
            if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
                throw new ArgumentException($"InputIds must be (B, T) int64, got [{string.Join(", ", ids.shape)}] {ids.dtype}");
            if (input.MaskedPositions is null) return token_embedding!.Forward(ids);
            using var masked = ids.masked_fill(input.MaskedPositions, Config.MaskId);
            return token_embedding!.Forward(masked);
        }
        var vectors = input.InputVectors ?? throw new ArgumentException($"this encoder reads vectors (InputDim = {Config.InputDim}) but EncoderInput.InputVectors is null");
        if (input.InputIds is not null) throw new ArgumentException("this encoder reads vectors: EncoderInput.InputIds must be null");
        if (vectors.dim() != 3 || vectors.size(2) != Config.InputDim || vectors.dtype != ScalarType.Float32)
            throw new ArgumentException($"InputVectors must be (B, T, {Config.InputDim}) float32, got [{string.Join(", ", vectors.shape)}] {vectors.dtype}");
        var projected = input_projection!.Forward(vectors);                         // (B, T, D)
        if (input.MaskedPositions is null) return projected;
        using var _ = projected;
        using var where = input.MaskedPositions.unsqueeze(-1);                       // (B, T, 1)
        return torch.where(where, mask_vector!, projected);
    }

    /// <summary>The attention mask as bool (B, T), checked against the input's shape.</summary>
    internal static Tensor RealTokens(EncoderInput input)
    {
        var mask = input.AttentionMask;
        var tokens = input.InputIds ?? input.InputVectors;
        if (mask.dim() != 2 || tokens is null || mask.size(0) != tokens.size(0) || mask.size(1) != tokens.size(1))
            throw new ArgumentException($"AttentionMask must be (B, T) like the input, got [{string.Join(", ", mask.shape)}]");
        return mask.dtype == ScalarType.Bool ? mask.alias() : mask.ne(0);
    }

    /// <summary>ALiBi (H, T, T) plus the padding bias at padded keys, as one (B, H, T, T) tensor shared by every layer.</summary>
    private Tensor AttentionBias(Tensor keep)
    {
        long batch = keep.size(0), length = keep.size(1);
        using var alibi = Alibi.Bias(Config.Heads, length, length, keep.device);    // (H, T, T)
        using var zeros = torch.zeros([batch, 1, 1, length], device: keep.device);
        using var notKept = keep.logical_not();
        using var padded = notKept.view(batch, 1, 1, length);
        using var padding = zeros.masked_fill(padded, PaddingBias);                 // (B, 1, 1, T)
        return alibi + padding;                                                     // (B, H, T, T)
    }

    /// <summary>
    /// hidden (B, T, D) reduced over the positions where keep (B, T) is true, as <paramref name="pooling"/> says: (B, D),
    /// or (B, 2·D) for <see cref="SequencePooling.MeanMax"/> (the mean, then the maximum). A row without a real token
    /// pools to zeros either way.
    /// </summary>
    public static Tensor Pool(Tensor hidden, Tensor keep, SequencePooling pooling)
    {
        switch (pooling)
        {
            case SequencePooling.Mean: return MeanPool(hidden, keep);
            case SequencePooling.Max: return MaxPool(hidden, keep);
            case SequencePooling.MeanMax:
                using (var mean = MeanPool(hidden, keep))
                using (var largest = MaxPool(hidden, keep))
                    return torch.cat([mean, largest], 1);
            default: throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "unknown pooling");
        }
    }

    /// <summary>Largest value of each feature of hidden (B, T, D) over the positions where keep (B, T) is true: (B, D); zeros for a row with none.</summary>
    public static Tensor MaxPool(Tensor hidden, Tensor keep)
    {
        using var padding = keep.logical_not().unsqueeze(-1);                       // (B, T, 1)
        using var filled = hidden.masked_fill(padding, float.NegativeInfinity);
        using var largest = filled.amax(1);                                         // (B, D): −∞ where a row has no real token
        using var asFloat = keep.to(hidden.dtype);
        using var tokens = asFloat.sum(1, keepdim: true);                           // (B, 1)
        using var empty = tokens.eq(0);
        return largest.masked_fill(empty, 0);
    }

    /// <summary>Mean of hidden (B, T, D) over the positions where keep (B, T) is true: (B, D).</summary>
    public static Tensor MeanPool(Tensor hidden, Tensor keep)
    {
        using var asFloat = keep.to(hidden.dtype);
        using var weights = asFloat.unsqueeze(-1);                                  // (B, T, 1)
        using var weighted = hidden * weights;
        using var sum = weighted.sum(1);                                            // (B, D)
        using var tokens = weights.sum(1);                                          // (B, 1)
        using var count = tokens.clamp(min: 1);
        return sum / count;
    }
}
