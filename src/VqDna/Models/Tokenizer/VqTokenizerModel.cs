using VqDna.Quantization;
using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Tokenizer;

/// <summary>
/// The VQDNA tokenizer network. Encoder: one-hot → stem Conv1d → LayerNorm → GELU → ConvNeXt blocks.
/// With one level (VQ-VAE) the last block's output is quantized. With L levels (HRQ) level n quantizes
/// after block n·N/L:
///   H(1) = Z(1),  H(n) = 2·Z(n) − e(M(n−1))   (merge by subtraction of the previous level's code)
///   embedding = mean over n of the quantized H(n)
/// where Z(n) is the projected block output and e(M(n)) the code level n chose. The decoder mirrors the
/// encoder and predicts the nucleotide at every position. Loss = CE + beta · Σ_n commitment(n).
/// With <see cref="VqTokenizerConfig.Stride"/> S &gt; 1 (an issue-21 experiment, not the paper's) a Linear merges S stem
/// positions into one before the blocks and another splits each decoded position into S before the head: one code per S bases.
/// </summary>
public sealed class VqTokenizerModel : Module
{
    /// <summary>Builds the network described by <paramref name="config"/> (validated first).</summary>
    public VqTokenizerModel(VqTokenizerConfig config)
    {
        Config = config.Validate();
        int w = config.Width;
        stem = RegisterModule("stem", new Conv1d(VqTokenizerConfig.Alphabet, w, config.StemKernel, padding: config.StemKernel / 2));
        stem_norm = RegisterModule("stem_norm", new LayerNorm(w, eps: 1e-6));
        if (config.Stride > 1)
        {
            merge = RegisterModule("merge", new Linear(config.Stride * w, w));
            split = RegisterModule("split", new Linear(w, config.Stride * w));
        }
        encoder = RegisterModule("encoder", new ModuleList<ConvNeXtBlock1d>(Blocks(config)));
        to_code = RegisterModule("to_code", new ModuleList<Linear>(Enumerable.Range(0, config.Levels).Select(_ => new Linear(w, config.CodeDim))));
        quantizers = RegisterModule("quantizers", new ModuleList<VectorQuantizer>(
            Enumerable.Range(1, config.Levels).Select(level => new VectorQuantizer(config.QuantizerConfig(level)))));
        from_code = RegisterModule("from_code", new Linear(config.CodeDim, w));
        decoder = RegisterModule("decoder", new ModuleList<ConvNeXtBlock1d>(Blocks(config)));
        head_norm = RegisterModule("head_norm", new LayerNorm(w, eps: 1e-6));
        head = RegisterModule("head", new Linear(w, VqTokenizerConfig.Alphabet));
    }

    /// <summary>The architecture it was built from.</summary>
    public VqTokenizerConfig Config { get; }

    // The encoder's modules are public (read-only) for exporters that rewrite the same math (Export/).
    /// <summary>The stem convolution over the one-hot nucleotides.</summary>
    public Conv1d stem { get; }
    /// <summary>The LayerNorm after the stem.</summary>
    public LayerNorm stem_norm { get; }
    /// <summary>The encoder's ConvNeXt blocks.</summary>
    public ModuleList<ConvNeXtBlock1d> encoder { get; }
    /// <summary>Per level, the projection of the block output into code space (Width → CodeDim).</summary>
    public ModuleList<Linear> to_code { get; }
    private readonly LayerNorm head_norm;
    private readonly ModuleList<ConvNeXtBlock1d> decoder;
    private readonly ModuleList<VectorQuantizer> quantizers;
    private readonly Linear from_code, head;
    private readonly Linear? merge, split;                                       // only when Stride > 1

    /// <summary>The quantizers, level 1 (coarse) first.</summary>
    public IReadOnlyList<VectorQuantizer> Quantizers => quantizers;

    private static IEnumerable<ConvNeXtBlock1d> Blocks(VqTokenizerConfig c) =>
        Enumerable.Range(0, c.Blocks).Select(_ => new ConvNeXtBlock1d(c.Width, c.MixerKernel, c.Expansion));

    /// <summary>
    /// Encodes nucleotide ids (B, L) in 0..4 (A, C, G, T, N) and reconstructs them. Where <paramref name="codeMask"/>
    /// (B, L/S, bool; S the stride, usually 1) is set, the decoder sees a zero vector instead of the position's code and must rebuild that base
    /// from the codes around it, so codes are pushed to carry their neighbours' bases (issue 21).
    /// </summary>
    public TokenizerOutput Forward(Tensor nucleotides, Tensor? codeMask = null)
    {
        var codes = Encode(nucleotides);
        using var hidden = codeMask?.unsqueeze(-1);                               // (B, L, 1)
        using var decoderInput = hidden is null ? codes.Embedding.alias() : codes.Embedding.masked_fill(hidden, 0);
        var logits = Decode(decoderInput);                                        // (B, L, 5)
        using var flatLogits = logits.view(-1, VqTokenizerConfig.Alphabet);
        using var flatTargets = nucleotides.view(-1);
        var reconstruction = F.cross_entropy(flatLogits, flatTargets);
        using var weightedCommitment = codes.CommitmentLoss * Config.Beta;
        var loss = reconstruction + weightedCommitment;                           // CE + beta · Σ commitment
        return new TokenizerOutput(codes, logits, loss, reconstruction);
    }

    /// <summary>The encoder and quantizers only: codes per level and the tokenizer embedding.</summary>
    public EncodedCodes Encode(Tensor nucleotides)
    {
        if (nucleotides.dim() != 2) throw new ArgumentException($"expected nucleotide ids (B, L), got [{string.Join(", ", nucleotides.shape)}]");
        long batch = nucleotides.size(0), bases = nucleotides.size(1), length = bases / Config.Stride;
        if (bases % Config.Stride != 0)
            throw new ArgumentException($"{bases} nucleotides is not a multiple of the tokenizer's stride ({Config.Stride})");
        using var oneHot = F.one_hot(nucleotides, VqTokenizerConfig.Alphabet).to(ScalarType.Float32); // (B, L, 5)
        using var channelsFirst = oneHot.transpose(1, 2);                                             // (B, 5, L)
        using var stemmed = stem.Forward(channelsFirst);
        using var channelsLast = stemmed.transpose(1, 2);                                             // (B, L, W)
        using var normed = stem_norm.Forward(channelsLast);
        var x = Merge(F.gelu(normed));                                           // (B, L/S, W)

        var indices = new List<Tensor>();
        var quantized = new List<Tensor>();
        var usage = new List<CodeUsage>();
        Tensor? commitment = null;
        Tensor? previousCode = null;                                              // e(M(n−1)), (B·L, D)
        int level = 0;
        for (int block = 1; block <= Config.Blocks; block++)
        {
            var next = encoder[block - 1].Forward(x);
            x.Dispose();
            x = next;
            if (level >= Config.Levels || block != Config.LevelBlock(level + 1)) continue;

            using var projected = to_code[level].Forward(x);                      // Z(n), (B, L, D)
            using var z = projected.view(batch * length, Config.CodeDim);
            using var h = HierarchicalResidual.LevelInput(z, previousCode);     // H(n) = 2 Z(n) − e(M(n−1))
            var result = quantizers[level].Forward(h);
            indices.Add(result.Indices.view(batch, length));
            quantized.Add(result.Quantized);
            usage.Add(result.Usage);
            var sum = commitment is null ? result.CommitmentLoss.alias() : commitment + result.CommitmentLoss;
            commitment?.Dispose();
            commitment = sum;
            previousCode?.Dispose();
            previousCode = result.Codes;
            result.Indices.Dispose();
            result.CommitmentLoss.Dispose();
            level++;
        }
        x.Dispose();
        previousCode?.Dispose();

        using var mean = HierarchicalResidual.Embedding(quantized);                // (B·L, D)
        foreach (var q in quantized) q.Dispose();
        var embedding = mean.view(batch, length, Config.CodeDim);
        return new EncodedCodes(indices, embedding, commitment!, usage);
    }

    /// <summary>Reconstruction logits (B, L, 5) from the tokenizer embedding (B, L/S, D); S = 1 but for a strided tokenizer.</summary>
    public Tensor Decode(Tensor embedding)
    {
        var x = from_code.Forward(embedding);                                      // (B, L/S, W)
        foreach (var block in decoder)
        {
            var next = block.Forward(x);
            x.Dispose();
            x = next;
        }
        if (split is not null)
        {
            using var wide = split.Forward(x);                                      // (B, L/S, S·W)
            x.Dispose();
            x = wide.reshape(wide.size(0), wide.size(1) * Config.Stride, Config.Width); // (B, L, W): position j·S + k from column block k
        }
        using var normed = head_norm.Forward(x);
        x.Dispose();
        return head.Forward(normed);
    }

    /// <summary>Stride S &gt; 1: (B, L, W) → (B, L/S, S·W) → Linear → (B, L/S, W), consuming <paramref name="x"/>; else x itself.</summary>
    private Tensor Merge(Tensor x)
    {
        if (merge is null) return x;
        using (x)
        {
            using var grouped = x.reshape(x.size(0), x.size(1) / Config.Stride, Config.Stride * Config.Width);
            return merge.Forward(grouped);
        }
    }

    /// <summary>The embedding for given codes (one (B, L) tensor per level): the mean of the codebook rows.</summary>
    public Tensor EmbedCodes(IReadOnlyList<Tensor> levelIndices)
    {
        if (levelIndices.Count != Config.Levels)
            throw new ArgumentException($"expected codes for {Config.Levels} level(s), got {levelIndices.Count}");
        var rows = new List<Tensor>();
        for (int level = 0; level < Config.Levels; level++) rows.Add(quantizers[level].Lookup(levelIndices[level]));
        var embedding = HierarchicalResidual.Embedding(rows);
        foreach (var r in rows) r.Dispose();
        return embedding;
    }
}
