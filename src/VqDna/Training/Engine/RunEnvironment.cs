using System.Globalization;
using System.Runtime.InteropServices;
using VqDna.Torch;

namespace VqDna.Training.Engine;

/// <summary>Where and with what a run was made: written into every run.json so any number can be traced.</summary>
public sealed record RunEnvironment(string Version, string Machine, string Os, string Runtime, int Cores, int Threads, string CommandLine, string FinishedUtc)
{
    public static RunEnvironment Capture() => new(
        BuildInfo.Version,
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount,
        torch.get_num_threads(),
        string.Join(" ", Environment.GetCommandLineArgs().Skip(1)),
        DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
}
