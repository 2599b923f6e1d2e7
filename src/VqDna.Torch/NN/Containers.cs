namespace VqDna.Torch.NN;

/// <summary>Applies its modules in order; they are named "0", "1", ... as in torch.nn.Sequential.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = new();

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) layers.Add(RegisterModule(layers.Count.ToString(), m));
    }

    public int Count => layers.Count;

    public Module<Tensor, Tensor> this[int index] => layers[index];

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

/// <summary>An indexed list of sub-modules named "0", "1", ... (torch.nn.ModuleList).</summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = new();

    public ModuleList(IEnumerable<T> modules)
    {
        foreach (var m in modules) items.Add(RegisterModule(items.Count.ToString(), m));
    }

    public T this[int index] => items[index];

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The GELU activation as a module (exact erf form unless "tanh").</summary>
public sealed class GELU(string approximate = "none") : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => F.gelu(input, approximate);
}
