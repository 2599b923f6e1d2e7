using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// BERT's masked-LM head (BertLMPredictionHead): dense (D → D) → GELU → LayerNorm → decoder (D → classes).
/// The decoder is not tied to the input embedding: vector input has no embedding table to tie to, and one
/// rule for every tokenizer keeps the comparison fair.
/// </summary>
public sealed class MaskedModelingHead : Module<Tensor, Tensor>
{
    public MaskedModelingHead(int width, int classes, double layerNormEps)
    {
        dense = RegisterModule("dense", new Linear(width, width));
        layer_norm = RegisterModule("layer_norm", new LayerNorm(width, layerNormEps));
        decoder = RegisterModule("decoder", new Linear(width, classes));
    }

    public Linear dense { get; }
    public LayerNorm layer_norm { get; }
    public Linear decoder { get; }

    /// <summary>hidden (B, T, D) → logits (B, T, classes).</summary>
    public override Tensor Forward(Tensor hidden)
    {
        using var projected = dense.Forward(hidden);
        using var activated = F.gelu(projected);
        using var normed = layer_norm.Forward(activated);
        return decoder.Forward(normed);
    }
}
