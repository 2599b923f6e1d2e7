using VqDna.Datasets.Builders;

namespace VqDna.Tests.Datasets.Builders;

public sealed class SplitPlannerTests
{
    [Fact]
    public void GroupsFillEverySplitLargestFirst()
    {
        // Plasmodium falciparum chromosome lengths (smalt-examples genome_1.fa.gz), MAL1..MAL14.
        long[] lengths = [643380, 947102, 1060087, 1204112, 1343552, 1418244, 1501717, 1419563, 1541723, 1687655, 2038337, 2271477, 2895605, 3291871];
        var split = SplitPlanner.AssignGroups(lengths, SplitFractions.Default, "test");
        Assert.Equal(0, split[13]); // the largest trains
        Assert.Equal(1, split[12]);
        Assert.Equal(2, split[11]);
        double total = lengths.Sum();
        Assert.InRange(lengths.Where((_, i) => split[i] == 0).Sum() / total, 0.7, 0.85);
    }

    [Fact]
    public void TooFewGroupsIsAnError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SplitPlanner.AssignGroups([10, 20], SplitFractions.Default, "records of X"));
        Assert.Contains("records of X", e.Message);
    }

    [Fact]
    public void BlocksAreDisjointAndSeparatedByTheGap()
    {
        var blocks = SplitPlanner.Blocks([1_000_000, 250_000], 50_000, 2_000, SplitFractions.Default, new Random(1), "test");
        Assert.All(blocks, b => Assert.NotEmpty(b));
        var all = blocks.SelectMany((b, s) => b.Select(r => (r, s))).OrderBy(x => x.r.Record).ThenBy(x => x.r.Start).ToList();
        for (int i = 1; i < all.Count; i++)
            if (all[i].r.Record == all[i - 1].r.Record)
                Assert.True(all[i].r.Start - all[i - 1].r.End >= 2_000, $"blocks {all[i - 1].r} and {all[i].r} are closer than the gap");
        Assert.InRange(blocks[0].Count / (double)all.Count, 0.75, 0.85);
    }

    [Fact]
    public void WindowsTileWithoutOverlap()
    {
        var windows = RegionWindows.Tile([new GenomeRegion(0, 100, 1_150), new GenomeRegion(0, 2_000, 2_050)], 100, new Random(3));
        Assert.Equal(10, windows.Count);
        Assert.All(windows, w => Assert.Equal(100, w.Length));
        Assert.All(windows, w => Assert.InRange(w.Start, 100, 1_050));
        Assert.All(windows.Zip(windows.Skip(1)), p => Assert.True(p.Second.Start >= p.First.End));
    }

    [Fact]
    public void UncoveredAndCoveredPartitionARange()
    {
        var covered = RegionWindows.Merge([(50, 80), (10, 20), (15, 30), (90, 200)]);
        Assert.Equal([(10, 30), (50, 80), (90, 200)], covered);
        Assert.Equal([(0, 10), (30, 50), (80, 90)], RegionWindows.Uncovered(0, 100, covered));
        Assert.Equal([(25, 30), (50, 80), (90, 100)], RegionWindows.Covered(25, 100, covered));
    }

    [Fact]
    public void GcMatchingPrefersExactThenNearest()
    {
        string[] targets = ["GGCC", "AATT", "GCAT"];
        string[] candidates = ["AAAT", "GCGC", "ATAT", "CAAA", "GGAA"];
        var chosen = GcMatcher.Match(targets, candidates, "test");
        Assert.Equal([1, 0, 4], chosen); // 4 GC → GCGC; 0 GC → AAAT (first); 2 GC → GGAA
        Assert.Throws<InvalidOperationException>(() => GcMatcher.Match(targets, candidates[..2], "test"));
    }

    [Fact]
    public void SeedsDependOnTaskNameAndSeed()
    {
        Assert.Equal(TaskSeed.For(7, "a").Next(), TaskSeed.For(7, "a").Next());
        Assert.NotEqual(TaskSeed.For(7, "a").Next(), TaskSeed.For(8, "a").Next());
        Assert.NotEqual(TaskSeed.For(7, "a").Next(), TaskSeed.For(7, "b").Next());
    }
}
