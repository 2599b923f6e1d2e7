namespace VqDna.Datasets.Covid;

/// <summary>
/// Splits genomes into train, dev and test by genome, stratified per variant: every window of a genome lands in
/// the split of its genome, so no test window comes from a genome seen in training (windows of one genome
/// share all its mutations and would leak its label).
/// </summary>
public static class GenomeSplitter
{
    /// <summary>Assigns each genome a split; genomes are shuffled per variant with a seed derived from <paramref name="seed"/> and the variant.</summary>
    public static List<VariantGenome> Split(IReadOnlyList<(RebuiltGenome Genome, string Variant)> genomes, double devFraction, double testFraction, int seed)
    {
        var result = new List<VariantGenome>(genomes.Count);
        foreach (var group in genomes.GroupBy(g => g.Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.OrderBy(g => g.Genome.Name, StringComparer.Ordinal).ToList();  // input order must not matter
            var random = new Random(StableSeed(seed, group.Key));
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
            var (test, dev) = Counts(members.Count, devFraction, testFraction);
            for (int i = 0; i < members.Count; i++)
            {
                string split = i < test ? "test" : i < test + dev ? "dev" : "train";
                result.Add(new VariantGenome(members[i].Genome, group.Key, split));
            }
        }
        return result;
    }

    /// <summary>Test and dev genome counts for a variant of <paramref name="n"/> genomes: rounded shares, at least one each where the variant allows and training keeps one.</summary>
    public static (int Test, int Dev) Counts(int n, double devFraction, double testFraction)
    {
        int test = (int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero);
        int dev = (int)Math.Round(n * devFraction, MidpointRounding.AwayFromZero);
        if (testFraction > 0 && n >= 2) test = Math.Max(test, 1);
        if (devFraction > 0 && n >= 3) dev = Math.Max(dev, 1);
        while (test + dev >= n && (test + dev) > 0) { if (dev > 0) dev--; else test--; }
        return (test, dev);
    }

    /// <summary>A seed from the run's seed and a name that does not change between runs (string.GetHashCode does).</summary>
    internal static int StableSeed(int seed, string name)
    {
        unchecked
        {
            uint h = 2166136261u ^ (uint)seed;
            foreach (char c in name) h = (h ^ c) * 16777619u;
            return (int)(h & 0x7fffffff);
        }
    }
}
