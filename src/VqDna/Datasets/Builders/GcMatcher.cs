using VqDna.Sequences;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Picks negatives whose GC content matches the positives', so a classifier cannot separate the
/// classes by base composition alone (the usual control for planted or peak-derived positives).
/// </summary>
public static class GcMatcher
{
    /// <summary>Number of G and C bases.</summary>
    public static int GcCount(ReadOnlySpan<char> sequence)
    {
        int gc = 0;
        foreach (char c in sequence) if (c is 'G' or 'C') gc++;
        return gc;
    }

    /// <summary>
    /// For each target, in order, the unused candidate with the nearest G+C count (exact when
    /// possible, then ±1, ±2…; among equals the earliest candidate). Candidates should all have
    /// the targets' length. Throws when the candidates run out.
    /// </summary>
    /// <returns>Indices into <paramref name="candidates"/>, one per target.</returns>
    public static int[] Match(IReadOnlyList<string> targets, IReadOnlyList<string> candidates, string what)
    {
        if (candidates.Count < targets.Count)
            throw new InvalidOperationException($"{what}: {candidates.Count} background candidates for {targets.Count} GC-matched negatives");
        int maxLength = Math.Max(targets.Count == 0 ? 0 : targets.Max(t => t.Length), candidates.Count == 0 ? 0 : candidates.Max(c => c.Length));
        var buckets = new Queue<int>[maxLength + 1];
        for (int i = 0; i < buckets.Length; i++) buckets[i] = new Queue<int>();
        for (int i = 0; i < candidates.Count; i++) buckets[GcCount(candidates[i])].Enqueue(i);
        var chosen = new int[targets.Count];
        for (int t = 0; t < targets.Count; t++)
        {
            int gc = GcCount(targets[t]);
            for (int d = 0; ; d++)
            {
                if (gc - d < 0 && gc + d > maxLength) throw new InvalidOperationException($"{what}: background candidates ran out");
                if (gc + d <= maxLength && buckets[gc + d].Count > 0) { chosen[t] = buckets[gc + d].Dequeue(); break; }
                if (d > 0 && gc - d >= 0 && buckets[gc - d].Count > 0) { chosen[t] = buckets[gc - d].Dequeue(); break; }
            }
        }
        return chosen;
    }
}
