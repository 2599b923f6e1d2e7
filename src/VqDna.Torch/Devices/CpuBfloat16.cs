using System.Runtime.Intrinsics.X86;

namespace VqDna.Torch;

/// <summary>
/// Whether this CPU multiplies bfloat16 natively (AVX512-BF16: the VDPBF16PS dot product; every CPU with AMX-BF16 has it
/// too), which is when libtorch's oneDNN kernels run bfloat16 matmuls faster than float32 ones. Without it oneDNN
/// emulates bfloat16 with float32 arithmetic and conversions, slower than plain float32, so bf16 autocast only pays here.
/// </summary>
public static class CpuBfloat16
{
    /// <summary>True when the CPU reports AVX512-BF16 and the OS saves AVX-512 state (so the instructions can run).</summary>
    public static bool IsNative { get; } = Detect();

    private static bool Detect()
    {
        if (!X86Base.IsSupported || !Avx512F.IsSupported) return false;   // Avx512F also checks the OS enabled the ZMM state
        var (maxLeaf, _, _, _) = X86Base.CpuId(0, 0);
        if (maxLeaf < 7) return false;
        var (subLeaves, _, _, _) = X86Base.CpuId(7, 0);
        if (subLeaves < 1) return false;
        var (features, _, _, _) = X86Base.CpuId(7, 1);
        return (features & (1 << 5)) != 0;                                // CPUID.(EAX=7,ECX=1):EAX bit 5 = AVX512_BF16
    }
}
