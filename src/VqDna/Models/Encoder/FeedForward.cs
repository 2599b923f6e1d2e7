using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>The block's MLP: fc1 (D → F), GELU (exact erf form, as BERT), fc2 (F → D).</summary>
public sealed class FeedForward : Module<Tensor, Tensor>
{
    public FeedForward(int width, int inner)
    {
        RegisterModule("fc1", new Linear(width, inner));
        RegisterModule("fc2", new Linear(inner, width));
    }

    public Module<Tensor, Tensor> fc1 => GetModule<Module<Tensor, Tensor>>("fc1");
    public Module<Tensor, Tensor> fc2 => GetModule<Module<Tensor, Tensor>>("fc2");

    public override Tensor Forward(Tensor x)
    {
        using var hidden = fc1.Forward(x);
        using var activated = F.gelu(hidden);
        return fc2.Forward(activated);
    }
}
