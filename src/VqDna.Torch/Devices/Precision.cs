namespace VqDna.Torch;

/// <summary>
/// How a training or inference run computes: <see cref="FP32"/> everywhere, or <see cref="BF16"/> mixed precision
/// (torch.autocast to bfloat16 over float32 master weights). <see cref="Precisions.Resolve"/> picks the default:
/// bf16 on CUDA and on CPUs with native bfloat16 (<see cref="CpuBfloat16"/>), fp32 on other CPUs.
/// </summary>
public enum Precision
{
    /// <summary>Float32 throughout.</summary>
    FP32,

    /// <summary>bfloat16 autocast: matmuls in bfloat16, parameters, gradients and optimizer state in float32.</summary>
    BF16,
}
