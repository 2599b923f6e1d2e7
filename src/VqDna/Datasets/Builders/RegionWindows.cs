namespace VqDna.Datasets.Builders;

/// <summary>
/// Cuts regions into non-overlapping windows and draws from them. Windows tile each region from
/// a random phase, so two windows of one split never overlap and a region holds
/// floor(length / window) of them.
/// </summary>
public static class RegionWindows
{
    /// <summary>Windows with more than this share of N bases are skipped (assembly gaps).</summary>
    public const double MaxNFraction = 0.01;

    /// <summary>Every window of <paramref name="window"/> bases tiling the regions, in region order.</summary>
    public static List<GenomeRegion> Tile(IEnumerable<GenomeRegion> regions, int window, Random random)
    {
        var windows = new List<GenomeRegion>();
        foreach (var region in regions)
        {
            int count = region.Length / window;
            if (count == 0) continue;
            int phase = random.Next(region.Length - count * window + 1);
            for (int k = 0; k < count; k++)
            {
                int start = region.Start + phase + k * window;
                windows.Add(new GenomeRegion(region.Record, start, start + window));
            }
        }
        return windows;
    }

    /// <summary>
    /// Shuffles <paramref name="candidates"/> and returns the first <paramref name="count"/>
    /// whose sequence is clean (see <see cref="IsClean"/>), as strings. Fewer are returned only
    /// when the candidates run out; the caller decides whether that is an error.
    /// </summary>
    public static List<string> Draw(List<GenomeRegion> candidates, int count, IReadOnlyList<string> records, Random random)
    {
        TaskSeed.Shuffle(candidates, random);
        var drawn = new List<string>(Math.Min(count, candidates.Count));
        foreach (var w in candidates)
        {
            if (drawn.Count == count) break;
            var span = records[w.Record].AsSpan(w.Start, w.Length);
            if (IsClean(span)) drawn.Add(span.ToString());
        }
        return drawn;
    }

    /// <summary>True when at most <see cref="MaxNFraction"/> of the bases are N.</summary>
    public static bool IsClean(ReadOnlySpan<char> window)
    {
        int n = 0;
        foreach (char c in window) if (c == 'N') n++;
        return n <= window.Length * MaxNFraction;
    }

    /// <summary>The parts of [<paramref name="start"/>, <paramref name="end"/>) not covered by any of the sorted, merged <paramref name="covered"/> intervals.</summary>
    public static IEnumerable<(int Start, int End)> Uncovered(int start, int end, IReadOnlyList<(int Start, int End)> covered)
    {
        int at = start;
        int i = LowerBound(covered, start);
        for (; i < covered.Count && covered[i].Start < end; i++)
        {
            if (covered[i].Start > at) yield return (at, covered[i].Start);
            at = Math.Max(at, covered[i].End);
        }
        if (at < end) yield return (at, end);
    }

    /// <summary>The parts of [<paramref name="start"/>, <paramref name="end"/>) covered by the sorted, merged <paramref name="covered"/> intervals.</summary>
    public static IEnumerable<(int Start, int End)> Covered(int start, int end, IReadOnlyList<(int Start, int End)> covered)
    {
        for (int i = LowerBound(covered, start); i < covered.Count && covered[i].Start < end; i++)
            yield return (Math.Max(start, covered[i].Start), Math.Min(end, covered[i].End));
    }

    /// <summary>Sorts and merges overlapping or touching intervals.</summary>
    public static List<(int Start, int End)> Merge(IEnumerable<(int Start, int End)> intervals)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var iv in intervals.OrderBy(i => i.Start).ThenBy(i => i.End))
        {
            if (merged.Count > 0 && iv.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, iv.End));
            else merged.Add(iv);
        }
        return merged;
    }

    /// <summary>Index of the first merged interval that ends after <paramref name="position"/>.</summary>
    private static int LowerBound(IReadOnlyList<(int Start, int End)> covered, int position)
    {
        int lo = 0, hi = covered.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (covered[mid].End <= position) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
