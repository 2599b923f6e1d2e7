namespace VqDna.Models.Engines;

/// <summary>
/// What runs a model's forward pass at inference: libtorch (the training code's own modules) or ONNX Runtime
/// (the model exported to ONNX, CPU provider). Only the per-batch forward differs; windowing, chunking, N
/// handling and pooling are shared code above it, so both engines give the same results up to float rounding.
/// </summary>
public enum InferenceEngine
{
    /// <summary>libtorch, through our binding: the modules that trained the model.</summary>
    Torch,

    /// <summary>ONNX Runtime's CPU provider over the exported graph.</summary>
    Onnx,
}
