namespace VqDna.Torch.NN;

/// <summary>The GELU activation as a module (exact erf form unless "tanh").</summary>
public sealed class GELU(string approximate = "none") : Module<Tensor, Tensor>
{
    /// <summary>GELU of every element (torch.nn.functional.gelu).</summary>
    public override Tensor Forward(Tensor input) => F.gelu(input, approximate);
}
