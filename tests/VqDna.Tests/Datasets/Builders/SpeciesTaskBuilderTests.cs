using VqDna.Datasets.Builders;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets.Builders;

public sealed class SpeciesTaskBuilderTests
{
    private static readonly Lazy<string> DisjointFlyRecords = new(() =>
    {
        var kept = new List<VqDna.Sequences.SequenceRecord>();
        var spans = new List<(int Start, int End)>();
        foreach (var r in SequenceFile.Read(RepoData.Data("genomes/fly_dm3_upstream2000_300.fa.gz")))
        {
            var range = r.Description.Split(':')[1].Split('-');
            (int start, int end) = (int.Parse(range[0]), int.Parse(range[1]));
            if (spans.Any(s => s.Start <= end && start <= s.End)) continue;
            spans.Add((start, end));
            kept.Add(r);
        }
        var path = Path.Combine(AppContext.BaseDirectory, "fly-upstream-disjoint.fa"); // beside the test assembly, rewritten each run
        File.WriteAllLines(path, kept.SelectMany(r => new[] { ">" + r.Id, r.Sequence }));
        return path;
    });

    // Five species of the embedded data: single records (split by blocks) and fly upstream
    // regions, records of 2 kb split by whole record (those that overlap no other, so that no two
    // records share a stretch; real chromosomes never do).
    private static readonly SpeciesSource[] Species =
    [
        new("human", [RepoData.Data("genomes/human_chr20_1000000_300kb.fa.gz")]),
        new("worm", [RepoData.Data("genomes/celegans_chrX_1000000_300kb.fa.gz")]),
        new("h_pylori", [RepoData.Data("genomes/hpylori_G27_200kb.fa.gz")]),
        new("s_aureus", [RepoData.Data("genomes/saureus_N315_200kb.fa.gz")]),
        new("fly", [DisjointFlyRecords.Value]),
    ];


    private static IReadOnlyList<BuiltTask> Build(int seed) =>
        new SpeciesTaskBuilder([new SpeciesWindowConfig(500, 40, 8, 8), new SpeciesWindowConfig(1_000, 20, 4, 4)], blockSize: 20_000).Build(Species, seed);

    [Fact]
    public void WindowsHaveTheirLengthAndEveryClassIsBalanced()
    {
        var tasks = Build(1);
        Assert.Equal(["species_500bp", "species_1kb"], tasks.Select(t => t.Task.Name));
        TaskAssert.Shape(tasks[0], 500, 5);
        TaskAssert.Shape(tasks[1], 1_000, 5);
        Assert.All(tasks[0].ClassCounts()[0], c => Assert.Equal(40, c));
        Assert.All(tasks[1].ClassCounts()[2], c => Assert.Equal(4, c));
    }

    [Fact]
    public void SplitsShareNoRegionOfAGenome()
    {
        var task = Build(2)[0];
        TaskAssert.NoSequenceShared(task);
        var human = SequenceFile.Read(Species[0].Files[0]).Single().Sequence;
        var positions = TaskAssert.RegionsDisjoint(task, human, minDistance: 1_000);
        Assert.Equal(56, positions.Sum(p => p.Count)); // every human window found in the genome
        // Fly records are split whole: no record gives windows to two splits.
        var fly = SequenceFile.Read(Species[4].Files[0]).Select(r => r.Sequence).ToList();
        var recordSplits = TaskAssert.Splits(task).Select(s => s.Where(e => e.Label == task.Task.Labels.IndexOf("fly"))
            .Select(e => fly.FindIndex(r => r.Contains(e.Sequence, StringComparison.Ordinal))).ToHashSet()).ToArray();
        Assert.DoesNotContain(-1, recordSplits.SelectMany(r => r));
        Assert.Empty(recordSplits[0].Intersect(recordSplits[1]).Concat(recordSplits[0].Intersect(recordSplits[2])).Concat(recordSplits[1].Intersect(recordSplits[2])));
    }

    [Fact]
    public void SameSeedSameFilesOtherSeedOtherWindows()
    {
        var a = Build(5);
        TaskAssert.SameBytes(a[1], Build(5)[1], 5);
        TaskAssert.Differ(a[1], Build(6)[1]);
    }

    [Fact]
    public void TooFewWindowsNamesSpeciesAndSplit()
    {
        var builder = new SpeciesTaskBuilder([new SpeciesWindowConfig(1_000, 10, 500, 2)], blockSize: 20_000);
        var e = Assert.Throws<InvalidDataException>(() => builder.Build(Species[..2], 1));
        Assert.Contains("dev split", e.Message);
        Assert.Contains("'human'", e.Message);
    }
}
