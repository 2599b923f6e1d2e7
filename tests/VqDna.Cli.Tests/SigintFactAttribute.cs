namespace VqDna.Cli.Tests;

/// <summary>
/// A fact that sends SIGINT to a child process: skipped, saying why, where this process ignores SIGINT. A
/// non-interactive shell starts its background jobs with SIGINT ignored (<c>scripts/test.sh &amp;</c>, <c>nohup … &amp;</c>), every
/// child inherits that, and .NET keeps a signal ignored at start ignored: the child would run on to exit 0.
/// </summary>
public sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (SigintIgnored()) Skip = "SIGINT is ignored in this process (started in the background by a non-interactive shell), so its children cannot receive it";
    }

    /// <summary>Bit 1 (SIGINT = 2) of SigIgn in /proc/self/status, the signals this process ignores; false where that cannot be read.</summary>
    private static bool SigintIgnored()
    {
        const string status = "/proc/self/status";
        if (!OperatingSystem.IsLinux() || !File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
    }
}
