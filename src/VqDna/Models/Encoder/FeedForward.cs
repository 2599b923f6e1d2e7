using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>The block's MLP: fc1 (D → F), GELU (exact erf form, as BERT), fc2 (F → D).</summary>
public sealed class FeedForward : Module<Tensor, Tensor>
{
    /// <summary>An MLP from <paramref name="width"/> to <paramref name="inner"/> and back.</summary>
    public FeedForward(int width, int inner)
    {
        RegisterModule("fc1", new Linear(width, inner));
        RegisterModule("fc2", new Linear(inner, width));
    }

    /// <summary>The expansion Linear (width → inner), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> fc1 => GetModule<Module<Tensor, Tensor>>("fc1");
    /// <summary>The projection back (inner → width), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> fc2 => GetModule<Module<Tensor, Tensor>>("fc2");

    /// <summary>fc2(GELU(fc1(x))) over the last dimension of <paramref name="x"/>.</summary>
    public override Tensor Forward(Tensor x)
    {
        using var hidden = fc1.Forward(x);
        using var activated = F.gelu(hidden);
        return fc2.Forward(activated);
    }
}
