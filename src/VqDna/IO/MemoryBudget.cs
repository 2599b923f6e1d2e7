using System.Globalization;

namespace VqDna.IO;

/// <summary>
/// Size settings checked against the machine before anything is allocated (issue 19: `pretrain --batch 1000000000`
/// grew to 4 GB before libtorch failed; `tokenizer train --batch 1000000000` ended in an arithmetic overflow). The
/// estimates are coarse upper bounds of the activations a step keeps for its backward pass (or one inference batch),
/// enough to tell a typo from a setting; a run refused here would not have fit.
/// </summary>
public static class MemoryBudget
{
    /// <summary>The largest batch any trainer or inference loop accepts, whatever the memory: larger is a typo.</summary>
    public const int MaxBatch = 65_536;

    /// <summary>The largest window (nucleotides per window) any trainer or inference loop accepts.</summary>
    public const int MaxWindow = 1 << 20;

    /// <summary>Memory this process may still use: MemAvailable of /proc/meminfo, else what the .NET runtime reports.</summary>
    public static long AvailableBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(13).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
                    return kb * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>Refuses <paramref name="value"/> of <paramref name="field"/> above <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Named after <paramref name="field"/>.</exception>
    public static void AtMost(string field, long value, long max)
    {
        if (value > max)
            throw new ArgumentOutOfRangeException(field, value, $"must be at most {max.ToString("N0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Refuses a setting whose estimated memory, <paramref name="estimateBytes"/>, exceeds what the machine has
    /// available, naming the estimate and the limit.
    /// </summary>
    /// <param name="field">The config field to blame (e.g. BatchSize), so the command line can name its option.</param>
    /// <param name="value">That field's value.</param>
    /// <param name="what">What the estimate is of ("one training step at batch 16 × window 256").</param>
    /// <param name="estimateBytes">The estimate, in bytes (a double: the product of absurd settings overflows a long).</param>
    public static void Fits(string field, long value, string what, double estimateBytes)
    {
        long available = AvailableBytes();
        if (estimateBytes > available)
            throw new ArgumentOutOfRangeException(field, value,
                $"is too large: {what} needs about {Gib(estimateBytes)} of memory, and {Gib(available)} is available");
    }

    private static string Gib(double bytes) => bytes >= 1 << 30
        ? $"{(bytes / (1 << 30)).ToString(bytes >= 1e15 ? "E2" : "N1", CultureInfo.InvariantCulture)} GiB"
        : $"{(bytes / (1 << 20)).ToString("N0", CultureInfo.InvariantCulture)} MiB";
}
