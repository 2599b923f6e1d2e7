using VqDna.Datasets.Builders;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets.Builders;

public sealed class PromoterTaskBuilderTests
{
    // Real slices (see TestData/README.md): 71 dm3_upstream2000 records (31 on the chr2R slice,
    // 10 from each of chr2L, chr3L, chr3R, chrX) and chr2R:8,300,001-8,400,000 from augustus-doc.
    private static readonly string Upstream = RepoData.TestData("tasks/dm3_upstream2000_sample.fa.gz");
    private static readonly string Chr2R = RepoData.TestData("tasks/fly_chr2R_8300001_8400000.fa.gz");

    private static BuiltTask Build(int seed) => new PromoterTaskBuilder(blockSize: 10_000).Build(Upstream, Chr2R, seed);

    [Fact]
    public void PromotersAreRecordEndsAndNegativesAvoidEveryUpstreamRegion()
    {
        var task = Build(1);
        TaskAssert.Shape(task, 300, 2);
        var upstream = SequenceFile.Read(Upstream).ToList();
        var ends = upstream.Select(r => r.Sequence[^300..]).ToHashSet();
        var slice = SequenceFile.Read(Chr2R).Single().Sequence;
        var regions = upstream.Where(r => r.Description.StartsWith("chr2R:", StringComparison.Ordinal)).Select(r =>
        {
            var span = r.Description["chr2R:".Length..].Split('-');
            return (Start: int.Parse(span[0]) - 8_300_001, End: int.Parse(span[1]) - 8_300_000);
        }).ToList();
        foreach (var e in TaskAssert.Splits(task).SelectMany(s => s))
        {
            if (task.Task.Labels.Names[e.Label] == "promoter") { Assert.Contains(e.Sequence, ends); continue; }
            int at = slice.IndexOf(e.Sequence, StringComparison.Ordinal);
            Assert.True(at >= 0, "a negative is not from the chr2R slice");
            Assert.DoesNotContain(regions, r => r.Start < at + 300 && at < r.End);
        }
    }

    [Fact]
    public void PromotersSplitByChromosome()
    {
        var task = Build(2);
        var chromosomeOf = new Dictionary<string, string>();
        foreach (var r in SequenceFile.Read(Upstream)) chromosomeOf.TryAdd(r.Sequence[^300..], r.Description.Split(':')[0]);
        int promoter = task.Task.Labels.IndexOf("promoter");
        var perSplit = TaskAssert.Splits(task).Select(s => s.Where(e => e.Label == promoter).Select(e => chromosomeOf[e.Sequence]).ToHashSet()).ToArray();
        Assert.All(perSplit, s => Assert.NotEmpty(s));
        Assert.Empty(perSplit[0].Intersect(perSplit[1]).Concat(perSplit[0].Intersect(perSplit[2])).Concat(perSplit[1].Intersect(perSplit[2])));
        TaskAssert.NoSequenceShared(task);
        int nonPromoter = task.Task.Labels.IndexOf("non_promoter");
        var negatives = new VqDna.Datasets.GueTask(task.Task.Name, task.Task.Labels,
            task.Task.Train.Where(e => e.Label == nonPromoter).ToList(), task.Task.Dev.Where(e => e.Label == nonPromoter).ToList(), task.Task.Test.Where(e => e.Label == nonPromoter).ToList());
        TaskAssert.RegionsDisjoint(task with { Task = negatives }, SequenceFile.Read(Chr2R).Single().Sequence, minDistance: 300);
    }

    [Fact]
    public void SameSeedSameFilesOtherSeedOtherWindows()
    {
        TaskAssert.SameBytes(Build(3), Build(3), 3);
        TaskAssert.Differ(Build(3), Build(4));
    }

    [Fact]
    public void BackgroundOnAnotherChromosomeIsAnError()
    {
        var e = Assert.Throws<InvalidDataException>(() => new PromoterTaskBuilder(blockSize: 10_000).Build(Upstream, RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"), 1));
        Assert.Contains("no upstream record", e.Message);
    }
}
