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
    /// <summary>A head from <paramref name="width"/> hidden features to <paramref name="classes"/> logits.</summary>
    public MaskedModelingHead(int width, int classes, double layerNormEps)
    {
        RegisterModule("dense", new Linear(width, width));
        layer_norm = RegisterModule("layer_norm", new LayerNorm(width, layerNormEps));
        RegisterModule("decoder", new Linear(width, classes));
    }

    // Linear children are read back through GetModule, so a LoRA wrapper put in their place is used.
    /// <summary>The hidden Linear (D → D), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> dense => GetModule<Module<Tensor, Tensor>>("dense");
    /// <summary>The LayerNorm after the GELU.</summary>
    public LayerNorm layer_norm { get; }
    /// <summary>The output Linear (D → classes), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> decoder => GetModule<Module<Tensor, Tensor>>("decoder");

    /// <summary>hidden (B, T, D) → logits (B, T, classes).</summary>
    public override Tensor Forward(Tensor hidden)
    {
        using var projected = dense.Forward(hidden);
        using var activated = F.gelu(projected);
        using var normed = layer_norm.Forward(activated);
        return decoder.Forward(normed);
    }
}
