using System.Globalization;
using System.Runtime.InteropServices;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Training.Engine;

/// <summary>Where and with what a run was made: written into every run.json so any number can be traced.</summary>
/// <param name="Version">vqdna's version.</param>
/// <param name="Machine">The host name.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="CommandLine">The command's arguments.</param>
/// <param name="FinishedUtc">When the run finished (ISO 8601, UTC).</param>
/// <param name="Device">Where it computed: cpu, cuda or cuda:N (issue 18).</param>
/// <param name="Precision">fp32, or bf16 autocast over float32 weights.</param>
/// <param name="Libtorch">The libtorch the native library was built against (Debian's 1.13, or a 2.x wheel's).</param>
public sealed record RunEnvironment(string Version, string Machine, string Os, string Runtime, int Cores, int Threads, string CommandLine, string FinishedUtc,
    string Device, string Precision, string Libtorch)
{
    /// <summary>This process's environment, computing as <paramref name="compute"/> says (the CPU in fp32 when not given).</summary>
    public static RunEnvironment Capture(DeviceSettings? compute = null)
    {
        compute ??= DeviceSettings.Cpu;
        return new(
            BuildInfo.Version,
            Environment.MachineName,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            Environment.ProcessorCount,
            torch.get_num_threads(),
            string.Join(" ", Environment.GetCommandLineArgs().Skip(1)),
            DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            compute.DeviceName,
            compute.PrecisionName,
            torch.libtorch_version);
    }
}
