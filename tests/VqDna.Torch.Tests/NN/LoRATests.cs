using VqDna.Torch.NN;

namespace VqDna.Torch.Tests.NN;

/// <summary>LoRALinear's equations and LoRA's module surgery, on a two-layer toy model.</summary>
public sealed class LoRATests
{
    /// <summary>proj (4 → 6) → GELU → head (6 → 3); the children are read back through GetModule.</summary>
    private sealed class Toy : Module<Tensor, Tensor>
    {
        public Toy()
        {
            RegisterModule("proj", new Linear(4, 6));
            RegisterModule("head", new Linear(6, 3));
        }

        public override Tensor Forward(Tensor x)
        {
            using var h = GetModule<Module<Tensor, Tensor>>("proj").Forward(x);
            using var a = F.gelu(h);
            return GetModule<Module<Tensor, Tensor>>("head").Forward(a);
        }
    }

    [Fact]
    public void TheUpdateIsBAxScaledByAlphaOverR()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var linear = new Linear(5, 7);
        var weight = linear.weight.clone();
        var bias = linear.bias!.clone();
        using var lora = new LoRALinear(linear, r: 2, lora_alpha: 6);
        Init.normal_(lora.lora_B.weight);
        lora.Eval();
        var x = torch.randn(3, 5);
        var expected = F.linear(x, weight, bias) + x.matmul(lora.lora_A.weight.t()).matmul(lora.lora_B.weight.t()) * 3.0;
        var actual = lora.Forward(x);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));

        lora.Merge();
        Assert.True(lora.merged);
        var merged = lora.Forward(x);
        Assert.True(merged.allclose(actual, rtol: 0, atol: 1e-5));
        var delta = lora.lora_B.weight.mm(lora.lora_A.weight) * 3.0;
        Assert.True(lora.base_layer.weight.allclose(weight + delta, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void AIsKaimingUniformAndBIsZero()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using var lora = new LoRALinear(new Linear(100, 50), r: 16, lora_alpha: 32);
        double bound = Math.Sqrt(2.0 / (1 + 5)) * Math.Sqrt(3.0 / 100); // kaiming_uniform_(a=√5), fan_in 100
        Assert.True(lora.lora_A.weight.abs().max().item<float>() <= bound + 1e-7);
        Assert.True(lora.lora_A.weight.abs().max().item<float>() > bound * 0.9);
        Assert.Equal(0f, lora.lora_B.weight.abs().sum().item<float>());
        Assert.Equal(2.0, lora.scaling);
    }

    [Fact]
    public void InjectReplacesMatchingChildrenInPlace()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = new Toy();
        var x = torch.randn(2, 4);
        var before = model.Forward(x);
        var keysBefore = model.StateDict().Keys.ToArray();
        Assert.Equal(["proj"], LoRA.Inject(model, ["proj"], r: 2, alpha: 4, dropout: 0));
        Assert.Equal(["proj.base_layer.weight", "proj.base_layer.bias", "proj.lora_A.weight", "proj.lora_B.weight", "head.weight", "head.bias"],
            model.StateDict().Keys.ToArray());
        Assert.True(model.Forward(x).equal(before));

        foreach (var (_, lora) in LoRA.Adapters(model)) Init.normal_(lora.lora_B.weight);
        Assert.False(model.Forward(x).allclose(before, rtol: 0, atol: 1e-4), "the model bypasses the injected adapter");
        Assert.Equal(4, LoRA.MarkTrainable(model, ["head"]));     // proj.lora_A, proj.lora_B, head.weight, head.bias
        Assert.False(((LoRALinear)model.NamedModules().Single(m => m.Key == "proj").Value).base_layer.weight.requires_grad);

        var adapted = model.Forward(x);
        LoRA.MergeAndUnload(model);
        Assert.Equal(keysBefore, model.StateDict().Keys.ToArray());
        Assert.True(model.Forward(x).allclose(adapted, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void ReplaceModuleNeedsAnExistingChild()
    {
        using var model = new Toy();
        var e = Assert.Throws<ArgumentException>(() => model.ReplaceModule("missing", new Linear(1, 1)));
        Assert.Contains("missing", e.Message);
    }
}
