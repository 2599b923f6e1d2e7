using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace VqDna.Torch.Diagnostics;

/// <summary>What this process runs on: versions, threads, BLAS, measured matmul peak, malloc.</summary>
public sealed record RuntimeReport(
    string DotnetVersion,
    string TorchVersion,
    int Threads,
    int LogicalCores,
    string Blas,
    double SgemmGflops,
    string Cpu,
    string Allocator,
    string OmpWaitPolicy)
{
    /// <summary>Matrix size of the sgemm measurement unless told otherwise.</summary>
    public const int DefaultSgemmSize = 1024;

    /// <summary>Collects the report; measuring sgemm takes about a second.</summary>
    public static RuntimeReport Collect(int sgemmSize = DefaultSgemmSize) => new(
        RuntimeInformation.FrameworkDescription,
        LibtorchVersion(),
        torch.get_num_threads(),
        Environment.ProcessorCount,
        BlasProbe.Describe(),
        MatmulThroughput.MeasureSgemmGflops(sgemmSize),
        CpuModel(),
        AllocatorProbe.Describe(),
        DescribeOmpWaitPolicy());

    /// <summary>OMP_WAIT_POLICY, and whether libgomp read it (it reads it once, as it loads).</summary>
    public static string DescribeOmpWaitPolicy() => torch.omp_wait_policy_applied
        ? (torch.omp_wait_policy is "" ? "libgomp's default" : torch.omp_wait_policy)
        : $"{torch.omp_wait_policy}, set after libgomp had loaded: not in effect";

    /// <summary>libtorch's version from its build configuration (TORCH_VERSION=...).</summary>
    public static string LibtorchVersion()
    {
        var match = Regex.Match(torch.config_show(), @"TORCH_VERSION=([0-9][^,\s]*)");
        return match.Success ? match.Groups[1].Value : "unknown";
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
