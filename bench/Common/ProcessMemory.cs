namespace VqDna.Bench;

/// <summary>The process's own memory figures, from /proc/self/status (Linux), for the memory benchmarks.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size so far (VmHWM), in KiB.</summary>
    public static long PeakRssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        throw new InvalidOperationException("/proc/self/status has no VmHWM line");
    }

    /// <summary>The 1-, 5- and 15-minute load averages, so a reader can tell a loaded machine's figures.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
