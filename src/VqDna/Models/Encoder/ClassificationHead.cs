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
        dense = RegisterModule("dense", new Linear(width, width));
        this.dropout = RegisterModule("dropout", new Dropout(dropout));
        out_proj = RegisterModule("out_proj", new Linear(width, classes));
    }

    public Linear dense { get; }
    public Dropout dropout { get; }
    public Linear out_proj { get; }

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
