using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// RoBERTa's classification head (RobertaClassificationHead) over the pooled sequence vector:
/// dropout → dense (P → D, P the pooled width) → tanh → dropout → out_proj (D → classes). The "MLP head".
/// </summary>
public sealed class ClassificationHead : Module<Tensor, Tensor>
{
    /// <summary>
    /// A head from <paramref name="width"/> pooled features to <paramref name="classes"/> logits, with <paramref name="dropout"/> before
    /// each Linear.
    /// </summary>
    public ClassificationHead(int width, int classes, double dropout) : this(width, width, classes, dropout) { }

    /// <summary>
    /// A head from <paramref name="input"/> pooled features (twice the encoder's <paramref name="width"/> under
    /// mean-max pooling) through a hidden layer <paramref name="width"/> wide to <paramref name="classes"/> logits.
    /// </summary>
    public ClassificationHead(int input, int width, int classes, double dropout)
    {
        RegisterModule("dense", new Linear(input, width));
        this.dropout = RegisterModule("dropout", new Dropout(dropout));
        RegisterModule("out_proj", new Linear(width, classes));
    }

    // Linear children are read back through GetModule, so a LoRA wrapper put in their place is used.
    /// <summary>The hidden Linear (P → D), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> dense => GetModule<Module<Tensor, Tensor>>("dense");
    /// <summary>Dropout before each Linear.</summary>
    public Dropout dropout { get; }
    /// <summary>The output Linear (D → classes), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> out_proj => GetModule<Module<Tensor, Tensor>>("out_proj");

    /// <summary>pooled (B, D) → logits (B, classes).</summary>
    public override Tensor Forward(Tensor pooled)
    {
        using var dropped = dropout.Forward(pooled);
        using var projected = dense.Forward(dropped);
        using var activated = projected.tanh();
        using var droppedAgain = dropout.Forward(activated);
        return out_proj.Forward(droppedAgain);
    }
}
