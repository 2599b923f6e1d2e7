namespace VqDna.Torch.NN;

/// <summary>
/// LoRA (Hu et al., 2021) around an existing Linear, as peft's lora.Linear: y = base(x) + B(A(dropout(x)))·α/r
/// with the base weight and bias frozen, A (r, in) initialised kaiming-uniform with a = √5 (Linear's own
/// initialisation, as peft) and B (out, r) zero, so a fresh adapter leaves the output unchanged. Sub-modules
/// <c>base_layer</c>, <c>lora_dropout</c>, <c>lora_A</c>, <c>lora_B</c> give peft's in-memory keys without
/// the adapter name ("query.lora_A.weight"). The wrapper owns the base layer.
/// </summary>
public sealed class LoRALinear : Module<Tensor, Tensor>
{
    /// <summary>
    /// Wraps <paramref name="base_layer"/> (and freezes it) with a rank-<paramref name="r"/> update scaled by <paramref name="lora_alpha"/>
    /// / r.
    /// </summary>
    public LoRALinear(Linear base_layer, int r, double lora_alpha, double lora_dropout = 0.0)
    {
        if (r < 1) throw new ArgumentOutOfRangeException(nameof(r), r, "LoRA rank must be positive");
        if (!(lora_alpha > 0)) throw new ArgumentOutOfRangeException(nameof(lora_alpha), lora_alpha, "LoRA alpha must be positive");
        long outFeatures = base_layer.weight.size(0), inFeatures = base_layer.weight.size(1);
        if (r > Math.Min(inFeatures, outFeatures))
            throw new ArgumentOutOfRangeException(nameof(r), r, $"LoRA rank must be at most min(in, out) = {Math.Min(inFeatures, outFeatures)} of the layer it adapts ({inFeatures} → {outFeatures}); a larger rank adds no capacity");
        (this.r, this.lora_alpha) = (r, lora_alpha);
        scaling = lora_alpha / r;
        this.base_layer = RegisterModule("base_layer", base_layer);
        this.lora_dropout = RegisterModule("lora_dropout", new Dropout(lora_dropout));
        lora_A = RegisterModule("lora_A", new Linear(inFeatures, r, bias: false));     // kaiming_uniform_(a=√5)
        lora_B = RegisterModule("lora_B", new Linear(r, outFeatures, bias: false));
        Init.zeros_(lora_B.weight);
        base_layer.requires_grad_(false);
    }

    /// <summary>The rank of the update B·A.</summary>
    public int r { get; }
    /// <summary>α; the update is scaled by α / r.</summary>
    public double lora_alpha { get; }

    /// <summary>α / r, the factor on the low-rank update.</summary>
    public double scaling { get; }

    /// <summary>The adapted layer, frozen.</summary>
    public Linear base_layer { get; }
    /// <summary>Dropout on the input of the A path.</summary>
    public Dropout lora_dropout { get; }
    /// <summary>A, (r, in): projects down; kaiming-uniform initialised.</summary>
    public Linear lora_A { get; }
    /// <summary>B, (out, r): projects up; zero initialised.</summary>
    public Linear lora_B { get; }

    /// <summary>True once <see cref="Merge"/> has folded the update into the base weight.</summary>
    public bool merged { get; private set; }

    /// <summary>base(x) + B(A(dropout(x)))·α/r, or base(x) alone once merged.</summary>
    public override Tensor Forward(Tensor x)
    {
        var result = base_layer.Forward(x);
        if (merged) return result;
        using var _ = result;
        using var dropped = lora_dropout.Forward(x);
        using var down = lora_A.Forward(dropped);                    // (…, r)
        using var up = lora_B.Forward(down);                         // (…, out)
        return result.add(up, scaling);                              // base(x) + B A x · α/r
    }

    /// <summary>Folds B·A·α/r into the base weight (peft's merge); the forward then runs the base layer alone.</summary>
    public void Merge()
    {
        if (merged) return;
        using var noGrad = torch.no_grad();
        using var delta = lora_B.weight.mm(lora_A.weight);           // (out, in)
        base_layer.weight.add_(delta, scaling);
        merged = true;
    }
}
