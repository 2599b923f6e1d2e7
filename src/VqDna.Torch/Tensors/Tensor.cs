using System.Runtime.InteropServices;
using VqDna.Torch.Native;

namespace VqDna.Torch;

/// <summary>
/// A libtorch tensor owned through a SafeHandle. Ops return fresh tensors and never dispose their
/// inputs; a new tensor joins the innermost <see cref="DisposeScope"/> of its thread, if one is open.
/// The partial files group the surface by topic (metadata, shape, math, reductions, autograd).
/// </summary>
public sealed partial class Tensor : SafeHandle
{
    private static long liveCount;

    // Every tensor goes through torch's static constructor first, which sets the thread count.
    static Tensor() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(torch).TypeHandle);

    private Tensor(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        Interlocked.Increment(ref liveCount);
        DisposeScope.Adopt(this);
    }

    /// <summary>Tensors created and not yet disposed, process-wide (the leak check).</summary>
    public static long LiveCount => Interlocked.Read(ref liveCount);

    /// <summary>Native tensor handles alive in libtorch's side of the ABI.</summary>
    public static long NativeLiveCount => NativeMethods.vq_live_tensors();

    internal DisposeScope? Owner { get; set; }

    /// <summary>True when the native handle is null.</summary>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Adopts a handle returned by a native export; a null handle means the export failed.</summary>
    internal static Tensor Adopt(IntPtr handle) =>
        handle == IntPtr.Zero ? throw new TorchException(NativeMethods.LastError()) : new Tensor(handle);

    /// <summary>Frees the native tensor and counts it out of <see cref="LiveCount"/>.</summary>
    protected override bool ReleaseHandle()
    {
        NativeMethods.vq_free(handle);
        Interlocked.Decrement(ref liveCount);
        return true;
    }

    /// <summary>Moves this tensor to the scope outside its current one (or out of all scopes).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        var outer = Owner?.Outer;
        Owner = null;
        outer?.Take(this);
        return this;
    }

    /// <summary>Takes this tensor out of every scope: the caller now disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Owner = null;
        return this;
    }

    /// <summary>Raw handle for list-taking exports; callers keep this tensor alive across the call.</summary>
    internal IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    internal static IntPtr RawOrZero(Tensor? t) => t is null ? IntPtr.Zero : t.Raw;

    /// <summary>The shape and dtype, or "Tensor(disposed)"; <see cref="ToStringWithValues"/> prints the values.</summary>
    public override string ToString() =>
        IsClosed ? "Tensor(disposed)" : $"Tensor(shape=[{string.Join(", ", shape)}], dtype={dtype})";

    /// <summary>The values, formatted by libtorch (as <c>print(t)</c> shows them).</summary>
    public string ToStringWithValues() => NativeMethods.CheckString(NativeMethods.vq_to_string(this));
}
