namespace VqDna.Torch.NN;

/// <summary>Applies its modules in order; they are named "0", "1", ... as in torch.nn.Sequential.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = new();

    /// <summary>Registers <paramref name="modules"/> in order under the names "0", "1", ….</summary>
    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) layers.Add(RegisterModule(layers.Count.ToString(), m));
    }

    /// <summary>Number of modules.</summary>
    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>Feeds <paramref name="input"/> through every module in order, freeing the intermediate results.</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input.alias();
        foreach (var layer in layers)
        {
            var next = layer.Forward(x);
            x.Dispose();
            x = next;
        }
        return x;
    }
}
