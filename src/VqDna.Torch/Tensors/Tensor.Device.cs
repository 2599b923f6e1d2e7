using VqDna.Torch.Native;

namespace VqDna.Torch;

// Devices: where the tensor lives and moving it.
public sealed partial class Tensor
{
    /// <summary>Where this tensor's data lives (cpu, cuda:N or meta).</summary>
    public Device device
    {
        get
        {
            NativeMethods.vq_device_of(this, out int type, out int index);
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>True when the data lives on a CUDA device (Tensor.is_cuda).</summary>
    public bool is_cuda => device.is_cuda;

    /// <summary>
    /// This tensor on <paramref name="device"/> (and in <paramref name="dtype"/> when given): a copy, or an alias
    /// when nothing changes, as in PyTorch. Gradients flow back through the move.
    /// </summary>
    public Tensor to(Device device, ScalarType? dtype = null, bool non_blocking = false) =>
        Adopt(NativeMethods.vq_to_device(this, (int)device.type, device.index, dtype is { } t ? (int)t : -1, non_blocking ? 1 : 0));

    /// <summary>This tensor on a GPU (the current one unless <paramref name="index"/> is given).</summary>
    public Tensor cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));

    /// <summary>This tensor in host memory.</summary>
    public Tensor cpu() => to(Device.CPU);

    /// <summary>
    /// PyTorch's <c>tensor.data = source</c>: this tensor takes <paramref name="source"/>'s storage, device and
    /// dtype but keeps its identity (handles, requires_grad, autograd leaf), so whoever holds it (an optimizer,
    /// a module) sees the change. <see cref="NN.Module.to(Device, ScalarType?)"/> moves parameters this way.
    /// </summary>
    public void set_data(Tensor source) => NativeMethods.Check(NativeMethods.vq_set_data(this, source));
}
