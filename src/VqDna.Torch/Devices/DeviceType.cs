namespace VqDna.Torch;

/// <summary>Kinds of device, numbered as c10::DeviceType so the value crosses the ABI unchanged.</summary>
public enum DeviceType
{
    /// <summary>Host memory.</summary>
    CPU = 0,

    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,

    /// <summary>Shape-only tensors with no data (PyTorch's "meta"): for checks that need no numbers.</summary>
    Meta = 14,
}
