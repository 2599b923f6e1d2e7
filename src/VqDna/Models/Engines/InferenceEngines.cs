using VqDna.Torch;

namespace VqDna.Models.Engines;

/// <summary>Which engine actually runs a forward pass on a device.</summary>
public static class InferenceEngines
{
    /// <summary>
    /// <paramref name="requested"/>, unless the device is a GPU and ONNX was asked for: our ONNX Runtime runs the CPU
    /// provider only, so on CUDA the forward runs on libtorch (the same math; the engines agree within float rounding).
    /// </summary>
    public static InferenceEngine On(this InferenceEngine requested, Device device) =>
        requested == InferenceEngine.Onnx && !device.is_cpu ? InferenceEngine.Torch : requested;
}
