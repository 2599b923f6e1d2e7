namespace VqDna.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost scope, and frees them all on
/// Dispose. The GC cannot see libtorch's memory, so loops must free temporaries deterministically:
/// <c>using (torch.NewDisposeScope()) { ... }</c> around each step. Results that must outlive the scope
/// are moved out with <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="Tensor.DetachFromDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> owned = new();
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The scope that was innermost when this one opened.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>How many tensors this scope owns now.</summary>
    public int Count => owned.Count(t => t.Owner == this);

    internal static void Adopt(Tensor t) => current?.Take(t);

    internal void Take(Tensor t)
    {
        t.Owner = this;
        owned.Add(t);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in owned)
        {
            // A tensor moved elsewhere keeps its new owner; only ours are freed.
            if (t.Owner == this) t.Dispose();
        }
        owned.Clear();
        if (current == this) current = Outer;
    }
}
