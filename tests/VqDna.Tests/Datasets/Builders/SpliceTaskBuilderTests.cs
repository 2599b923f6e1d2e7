using VqDna.Data;
using VqDna.Datasets.Builders;

namespace VqDna.Tests.Datasets.Builders;

public sealed class SpliceTaskBuilderTests
{
    // The first 150 rows of mlbench's DNA.rda as exported by StatLogDna.ExportWithR (TestData/README.md).
    private static readonly string Slice = RepoData.TestData("tasks/statlog_dna_first150.csv");

    [Fact]
    public void DecodesTheThreeBitCode()
    {
        Assert.Equal("ACGT", StatLogDna.Decode("100010001000" + new string('0', 168), "x", 1)[..4]);
        var e = Assert.Throws<InvalidDataException>(() => StatLogDna.Decode("110" + new string('0', 177), "dna.csv", 7));
        Assert.Contains("dna.csv, line 7", e.Message);
        Assert.Contains("base 1", e.Message);
        var rows = StatLogDna.ReadExport(Slice);
        Assert.Equal(150, rows.Count);
        Assert.All(rows, r => Assert.Equal(60, r.Sequence.Length));
        Assert.Equal("n", rows[0].Label);
        Assert.StartsWith("CTAGGCTC", rows[0].Sequence);
        // The decoding is right when the junctions show their consensus: donors (ei) have the
        // intron's GT right after the middle, acceptors (ie) its AG right before.
        Assert.All(rows.Where(r => r.Label == "ei"), r => Assert.Equal("GT", r.Sequence[30..32]));
        Assert.All(rows.Where(r => r.Label == "ie"), r => Assert.Equal("AG", r.Sequence[28..30]));
    }

    [Fact]
    public void SplitsShareNoSequenceAndNoTwentyMer()
    {
        var task = new SpliceTaskBuilder().Build(StatLogDna.ReadExport(Slice), 1, Slice);
        TaskAssert.Shape(task, 60, 3);
        TaskAssert.NoSequenceShared(task);
        var kmers = TaskAssert.Splits(task).Select(s => s.SelectMany(e => Enumerable.Range(0, 41).Select(i => e.Sequence.Substring(i, 20))).ToHashSet()).ToArray();
        Assert.False(kmers[0].Overlaps(kmers[1]) || kmers[0].Overlaps(kmers[2]) || kmers[1].Overlaps(kmers[2]));
        Assert.InRange(task.Task.Train.Count / (double)TaskAssert.Splits(task).Sum(s => s.Count), 0.75, 0.85);
    }

    [Fact]
    public void SameSeedSameFilesOtherSeedOtherSplit()
    {
        var rows = StatLogDna.ReadExport(Slice);
        var builder = new SpliceTaskBuilder();
        TaskAssert.SameBytes(builder.Build(rows, 3, Slice), builder.Build(rows, 3, Slice), 3);
        TaskAssert.Differ(builder.Build(rows, 3, Slice), builder.Build(rows, 4, Slice));
    }

    [Fact]
    public void MissingRFailsWithInstallAdvice()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("DNA.rda"), "not read");
        var e = Assert.Throws<IOException>(() => new SpliceTaskBuilder().Build(temp.File("DNA.rda"), 1, rscript: temp.File("no-such-Rscript")));
        Assert.Contains("needs R", e.Message);
        Assert.Contains("r-base-core", e.Message);
    }

    /// <summary>
    /// The real data: downloads r-cran-mlbench (1 MB) and runs R. Where R is not installed the
    /// builder's clear failure is what we check.
    /// </summary>
    [Fact]
    public void BuildsTheFullStatLogDataWithR()
    {
        using var temp = RepoData.NewTempFolder();
        var root = DebianPackage.Extract("r-cran-mlbench", temp.Path);
        var rda = Path.Combine(root, "usr/lib/R/site-library/mlbench/data/DNA.rda");
        if (!HasR())
        {
            Assert.Contains("needs R", Assert.Throws<IOException>(() => new SpliceTaskBuilder().Build(rda, 1)).Message);
            return;
        }
        var task = new SpliceTaskBuilder().Build(rda, 1);
        TaskAssert.Shape(task, 60, 3);
        Assert.InRange(TaskAssert.Splits(task).Sum(s => s.Count), 2_900, 3_186);
        TaskAssert.NoSequenceShared(task);
        var counts = task.ClassCounts();
        for (int s = 0; s < 3; s++) Assert.InRange(counts[s][2] / (double)counts[s].Sum(), 0.45, 0.65); // 'n' is about half in every split
    }

    private static bool HasR() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "Rscript")));
}
