using VqDna.Torch.Native;

namespace VqDna.Torch;

// Autograd: gradients accumulate into leaves; backward frees the graph unless retained.
public sealed partial class Tensor
{
    public bool requires_grad
    {
        get => NativeMethods.vq_requires_grad(this) != 0;
        set => NativeMethods.Check(NativeMethods.vq_set_requires_grad(this, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

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

    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        NativeMethods.Check(NativeMethods.vq_backward(this, RawOrZero(gradient), retain_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>Same data, cut from the graph.</summary>
    public Tensor detach() => Adopt(NativeMethods.vq_detach(this));
}
