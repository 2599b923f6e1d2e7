using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// RoBERTa's classification head (RobertaClassificationHead) over the pooled sequence vector:
/// dropout → dense (D → D) → tanh → dropout → out_proj (D → classes). The "MLP head".
/// </summary>
public sealed class ClassificationHead : Module<Tensor, Tensor>
{
    public ClassificationHead(int width, int classes, double dropout)
    {
        RegisterModule("dense", new Linear(width, width));
        this.dropout = RegisterModule("dropout", new Dropout(dropout));
        RegisterModule("out_proj", new Linear(width, classes));
    }

    // Linear children are read back through GetModule, so a LoRA wrapper put in their place is used.
    public Module<Tensor, Tensor> dense => GetModule<Module<Tensor, Tensor>>("dense");
    public Dropout dropout { get; }
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
