namespace VqDna.Torch.NN;

/// <summary>An indexed list of sub-modules named "0", "1", ... (torch.nn.ModuleList).</summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = new();

    /// <summary>Registers <paramref name="modules"/> in order under the names "0", "1", ….</summary>
    public ModuleList(IEnumerable<T> modules)
    {
        foreach (var m in modules) items.Add(RegisterModule(items.Count.ToString(), m));
    }

    /// <summary>The sub-module at <paramref name="index"/>.</summary>
    public T this[int index] => items[index];

    /// <summary>Number of sub-modules.</summary>
    public int Count => items.Count;

    /// <summary>The sub-modules in order.</summary>
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
