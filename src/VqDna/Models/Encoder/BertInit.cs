using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// BERT's weight initialisation (Hugging Face BertPreTrainedModel._init_weights): Linear and Embedding
/// weights N(0, 0.02), Linear biases 0; LayerNorms keep their 1 and 0.
/// </summary>
public static class BertInit
{
    /// <summary>BERT's initializer_range.</summary>
    public const double Std = 0.02;

    /// <summary>Re-initialises every Linear and Embedding under <paramref name="root"/>.</summary>
    public static void Apply(Module root)
    {
        foreach (var (_, module) in root.NamedModules())
        {
            if (module is Linear linear)
            {
                Init.normal_(linear.weight, 0, Std);
                if (linear.bias is { } b) Init.zeros_(b);
            }
            else if (module is Embedding embedding) Init.normal_(embedding.weight, 0, Std);
        }
    }
}
