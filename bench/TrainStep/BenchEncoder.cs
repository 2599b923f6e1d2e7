using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Bench.TrainStep;

/// <summary>The benchmark's sizes (the issue's: 4 pre-LN layers, d=256, 4 heads, FFN 1024, vocab 512).</summary>
public sealed record EncoderConfig(int Vocab = 512, int Length = 256, int Dim = 256, int Heads = 4, int Layers = 4, int FeedForward = 1024, double Dropout = 0.1);

/// <summary>
/// A BERT-style encoder: token + learned position embeddings, pre-LN Transformer layers, final LayerNorm,
/// a linear head to the vocabulary. Same module names as peer.py's PyTorch model, so one file loads into both.
/// </summary>
public sealed class BenchEncoder : Module
{
    /// <summary>Builds the encoder of <paramref name="config"/>'s sizes.</summary>
    public BenchEncoder(EncoderConfig config)
    {
        Config = config;
        embed = RegisterModule("embed", new Embedding(config.Vocab, config.Dim));
        position = RegisterModule("position", new Embedding(config.Length, config.Dim));
        layers = RegisterModule("layers", new ModuleList<TransformerEncoderLayer>(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerEncoderLayer(config.Dim, config.Heads, config.FeedForward, config.Dropout, norm_first: true))));
        norm = RegisterModule("norm", new LayerNorm(config.Dim));
        head = RegisterModule("head", new Linear(config.Dim, config.Vocab));
    }

    /// <summary>The sizes it was built with.</summary>
    public EncoderConfig Config { get; }

    private readonly Embedding embed, position;
    private readonly ModuleList<TransformerEncoderLayer> layers;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>tokens (B, T) int64, paddingMask (B, T) bool true at padding → logits (B, T, V).</summary>
    public Tensor Forward(Tensor tokens, Tensor paddingMask)
    {
        long length = tokens.size(1);
        using var positions = torch.arange(length);
        using var tokenVectors = embed.Forward(tokens);
        using var positionVectors = position.Forward(positions);
        var x = tokenVectors + positionVectors;                          // (B, T, E)
        foreach (var layer in layers)
        {
            var next = layer.Forward(x, paddingMask);
            x.Dispose();
            x = next;
        }
        using var normed = norm.Forward(x);
        x.Dispose();
        return head.Forward(normed);                                    // (B, T, V)
    }

    /// <summary>Matmul flops of one forward pass (2 per multiply-add), for the achieved-GFLOP/s figure.</summary>
    public static double ForwardFlops(EncoderConfig c, int batch)
    {
        double tokens = (double)batch * c.Length, d = c.Dim;
        double perLayer = 2 * tokens * d * 3 * d + 2 * tokens * d * d + 2 * 2 * tokens * d * c.FeedForward
            + 2 * 2 * (double)batch * c.Length * c.Length * d;             // q kᵀ and attention × v
        return c.Layers * perLayer + 2 * tokens * d * c.Vocab;
    }
}
