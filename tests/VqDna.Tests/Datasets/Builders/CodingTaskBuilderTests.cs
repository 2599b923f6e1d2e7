using VqDna.Datasets.Builders;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets.Builders;

public sealed class CodingTaskBuilderTests
{
    private static readonly string Ecoli = RepoData.Data("genomes/ecoli_k12_NC_000913_200kb.gbk.gz");

    private static BuiltTask Build(int seed) => new CodingTaskBuilder(blockSize: 20_000).Build(Ecoli, seed);

    [Fact]
    public void CodingWindowsLieInCdsAndIntergenicOnesTouchNoGene()
    {
        var task = Build(1);
        TaskAssert.Shape(task, 200, 2);
        var record = SequenceFile.Read(Ecoli).Single();
        var cds = RegionWindows.Merge(record.Features.Where(f => f.Kind == "CDS").SelectMany(f => f.Segments).Select(s => (s.Start, s.End)));
        var genes = record.Features.Where(f => f.Kind is "CDS" or "gene").ToList();
        foreach (var e in TaskAssert.Splits(task).SelectMany(s => s))
        {
            int at = record.Sequence.IndexOf(e.Sequence, StringComparison.Ordinal);
            Assert.True(at >= 0);
            if (task.Task.Labels.Names[e.Label] == "coding")
                Assert.Contains(cds, s => s.Start <= at && at + 200 <= s.End);
            else
                Assert.DoesNotContain(genes, g => g.Start < at + 200 && at < g.End);
        }
    }

    [Fact]
    public void ClassesAreBalancedAndSplitsDisjoint()
    {
        var task = Build(2);
        Assert.All(task.ClassCounts(), c => Assert.Equal(c[0], c[1]));
        TaskAssert.NoSequenceShared(task);
        TaskAssert.RegionsDisjoint(task, SequenceFile.Read(Ecoli).Single().Sequence, minDistance: 200);
    }

    [Fact]
    public void SameSeedSameFilesOtherSeedOtherWindows()
    {
        TaskAssert.SameBytes(Build(3), Build(3), 3);
        TaskAssert.Differ(Build(3), Build(4));
    }

    [Fact]
    public void UnannotatedInputIsAnError()
    {
        var e = Assert.Throws<InvalidDataException>(() => new CodingTaskBuilder().Build(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"), 1));
        Assert.Contains("no CDS", e.Message);
    }
}
