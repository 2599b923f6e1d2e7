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

    internal static void Adopt(Tensor t)
    {
        // A scope disposed out of order (or on another thread) must not keep adopting: skip dead scopes.
        while (current is { disposed: true }) current = current.Outer;
        current?.Take(t);
    }

    internal void Take(Tensor t)
    {
        t.Owner = this;
        owned.Add(t);
    }

    /// <summary>
    /// Closes any scopes still open inside this one, frees every tensor it still owns and makes its outer scope current again.
    /// </summary>
    public void Dispose()
    {
        if (disposed) return;
        // Disposing an outer scope first closes the scopes still open inside it, as nesting implies.
        while (current is not null && current != this && IsNestedIn(current, this)) current.Dispose();
        disposed = true;
        foreach (var t in owned)
        {
            // A tensor moved elsewhere keeps its new owner; only ours are freed.
            if (t.Owner == this) t.Dispose();
        }
        owned.Clear();
        if (current == this) current = Outer;
    }

    private static bool IsNestedIn(DisposeScope inner, DisposeScope outer)
    {
        for (var s = inner.Outer; s is not null; s = s.Outer)
            if (s == outer) return true;
        return false;
    }
}
