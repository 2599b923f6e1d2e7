using VqDna.Torch.Native;

namespace VqDna.Torch;

// Autograd: gradients accumulate into leaves; backward frees the graph unless retained.
public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor (Tensor.requires_grad).</summary>
    public bool requires_grad
    {
        get => NativeMethods.vq_requires_grad(this) != 0;
        set => NativeMethods.Check(NativeMethods.vq_set_requires_grad(this, value ? 1 : 0));
    }

    /// <summary>In place: sets <see cref="requires_grad"/>; returns this (Tensor.requires_grad_).</summary>
    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    /// <summary>
    /// True for a tensor not produced by a recorded operation: gradients accumulate in its <see cref="grad"/> (Tensor.is_leaf).
    /// </summary>
    public bool is_leaf => NativeMethods.vq_is_leaf(this) != 0;

    /// <summary>The accumulated gradient (a new handle each call), or null before any backward.</summary>
    public Tensor? grad
    {
        get
        {
            NativeMethods.Check(NativeMethods.vq_grad(this, out IntPtr g));
            return g == IntPtr.Zero ? null : Adopt(g);
        }
        set
        {
            NativeMethods.Check(NativeMethods.vq_set_grad(this, RawOrZero(value)));
            GC.KeepAlive(value);
        }
    }

    /// <summary>
    /// Computes gradients of this tensor into the leaves' <see cref="grad"/>; frees the graph unless <paramref name="retain_graph"/>
    /// (Tensor.backward).
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        NativeMethods.Check(NativeMethods.vq_backward(this, RawOrZero(gradient), retain_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>Same data, cut from the graph.</summary>
    public Tensor detach() => Adopt(NativeMethods.vq_detach(this));
}
