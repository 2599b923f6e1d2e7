namespace VqDna.Datasets.Builders;

/// <summary>
/// Decides which split each part of a source goes to, so that no sequence region is ever seen
/// by two splits: whole records (chromosomes, contigs, genomes) when the source has enough of
/// them, otherwise disjoint blocks of one record separated by gaps wider than any window.
/// </summary>
public static class SplitPlanner
{
    /// <summary>
    /// Assigns whole groups (records, chromosomes, clusters) to splits. Groups are taken largest
    /// first and each goes to the split furthest below its target share, so the second and third
    /// largest seed dev and test. Deterministic: ties go to the lower index. Needs three groups.
    /// </summary>
    /// <param name="sizes">Size of each group (bases or examples).</param>
    /// <param name="fractions">Target shares.</param>
    /// <param name="what">Names the groups in the error (e.g. "records of Plasmodium falciparum").</param>
    /// <returns>The split index (0 train, 1 dev, 2 test) of each group.</returns>
    public static int[] AssignGroups(IReadOnlyList<long> sizes, SplitFractions fractions, string what)
    {
        if (sizes.Count < 3)
            throw new InvalidOperationException($"{what}: {sizes.Count} group(s), but splitting by group needs at least 3 (one per split)");
        var shares = fractions.ToArray();
        double total = sizes.Sum();
        var assigned = new double[3];
        var split = new int[sizes.Count];
        var order = Enumerable.Range(0, sizes.Count).OrderByDescending(i => sizes[i]).ThenBy(i => i);
        foreach (int i in order)
        {
            int best = 0;
            for (int s = 1; s < 3; s++)
                if (assigned[s] / (shares[s] * total) < assigned[best] / (shares[best] * total)) best = s;
            split[i] = best;
            assigned[best] += sizes[i];
        }
        return split;
    }

    /// <summary>
    /// Splits records too few to assign whole: each record is cut into blocks of
    /// <paramref name="blockSize"/> bases, the blocks are shuffled and dealt to the splits by
    /// <paramref name="fractions"/> (at least one each), and <paramref name="gap"/>/2 bases are
    /// trimmed from every inner block edge, so neighbouring blocks are at least
    /// <paramref name="gap"/> apart. With a gap wider than the window, no window of one split
    /// overlaps or abuts one of another.
    /// </summary>
    /// <returns>For each split, its regions sorted by record then start.</returns>
    public static List<GenomeRegion>[] Blocks(IReadOnlyList<int> recordLengths, int blockSize, int gap, SplitFractions fractions, Random random, string what)
    {
        if (gap < 0 || blockSize <= gap) throw new ArgumentException($"{what}: block size {blockSize} must exceed the gap {gap}");
        var blocks = new List<GenomeRegion>();
        for (int r = 0; r < recordLengths.Count; r++)
        {
            int length = recordLengths[r];
            for (int start = 0; start < length; start += blockSize)
            {
                int end = Math.Min(length, start + blockSize);
                int s = start == 0 ? 0 : start + gap / 2 + gap % 2;
                int e = end == length ? end : end - gap / 2;
                if (e - s >= blockSize / 4) blocks.Add(new GenomeRegion(r, s, e));
            }
        }
        if (blocks.Count < 3)
            throw new InvalidOperationException($"{what}: only {blocks.Count} block(s) of {blockSize:N0} bp; splitting needs at least 3 (one per split)");
        TaskSeed.Shuffle(blocks, random);
        var shares = fractions.ToArray();
        int test = Math.Max(1, (int)Math.Round(blocks.Count * shares[2]));
        int dev = Math.Max(1, (int)Math.Round(blocks.Count * shares[1]));
        if (test + dev >= blocks.Count) (test, dev) = (1, 1);
        var result = new List<GenomeRegion>[] { [], [], [] };
        for (int i = 0; i < blocks.Count; i++)
            result[i < test ? 2 : i < test + dev ? 1 : 0].Add(blocks[i]);
        foreach (var list in result) list.Sort((a, b) => a.Record != b.Record ? a.Record.CompareTo(b.Record) : a.Start.CompareTo(b.Start));
        return result;
    }
}
