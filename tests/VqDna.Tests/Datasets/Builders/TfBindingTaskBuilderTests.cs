using VqDna.Datasets.Builders;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets.Builders;

public sealed class TfBindingTaskBuilderTests
{
    // The five default JASPAR 2016 matrices, copied from pscan-chip-data's jaspar_2016.wil.
    private static readonly string Jaspar = RepoData.TestData("tasks/jaspar_2016_5motifs.wil");
    private static readonly string Chr20 = RepoData.Data("genomes/human_chr20_1000000_300kb.fa.gz");

    private static IReadOnlyList<BuiltTask> Build(int seed, params string[] motifs) =>
        new TfBindingTaskBuilder(perClass: (60, 15, 15), blockSize: 20_000).Build(Jaspar, motifs.Length > 0 ? motifs : TfBindingTaskBuilder.DefaultMotifs, Chr20, seed);

    [Fact]
    public void ReadsTheCountMatrices()
    {
        var matrices = JasparMatrix.ReadAll(Jaspar);
        Assert.Equal(TfBindingTaskBuilder.DefaultMotifs.Order(), matrices.Select(m => m.Id).Order());
        var ctcf = matrices.Single(m => m.Id == "MA0139.1");
        Assert.Equal("CTCF", ctcf.Name);
        Assert.Equal(19, ctcf.Length);
        Assert.Equal(87, ctcf.Counts[0][0]); // first A count as in the file
    }

    [Fact]
    public void BadMatrixNamesTheLine()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("bad.wil"), ">MA0001.1\tX\n1 2\n3 4\n5 x\n7 8\n");
        var e = Assert.Throws<InvalidDataException>(() => JasparMatrix.ReadAll(temp.File("bad.wil")));
        Assert.Contains("line 4", e.Message);
        Assert.Contains("row G", e.Message);
    }

    [Fact]
    public void PositivesCarryOnePlantedInstanceAndNegativesMatchGc()
    {
        var tasks = Build(1);
        Assert.Equal(["tf_ctcf", "tf_sp1", "tf_tp53", "tf_foxa1", "tf_rest"], tasks.Select(t => t.Task.Name));
        var genome = SequenceFile.Read(Chr20).Single().Sequence;
        var motifs = JasparMatrix.ReadAll(Jaspar).ToDictionary(m => TfBindingTaskBuilder.TaskName(m));
        foreach (var task in tasks)
        {
            TaskAssert.Shape(task, 100, 2);
            TaskAssert.NoSequenceShared(task);
            int bound = task.Task.Labels.IndexOf("bound");
            foreach (var split in TaskAssert.Splits(task))
            {
                var positives = split.Where(e => e.Label == bound).Select(e => e.Sequence).ToList();
                var negatives = split.Where(e => e.Label != bound).Select(e => e.Sequence).ToList();
                Assert.Equal(positives.Count, negatives.Count);
                Assert.All(negatives, n => Assert.Contains(n, genome));
                Assert.All(positives, p => Assert.InRange(MismatchSpan(p, genome), 0, motifs[task.Task.Name].Length));
                // Matched one for one on G+C count: the sorted counts agree closely.
                var gcPos = positives.Select(p => GcMatcher.GcCount(p)).Order().ToList();
                var gcNeg = negatives.Select(n => GcMatcher.GcCount(n)).Order().ToList();
                Assert.True(gcPos.Zip(gcNeg).Average(p => Math.Abs(p.First - p.Second)) <= 1.0, $"{task.Task.Name}: GC not matched");
            }
        }
    }

    [Fact]
    public void SplitsShareNoBackgroundRegion()
    {
        var task = Build(2, "MA0139.1")[0];
        int background = task.Task.Labels.IndexOf("background");
        var negatives = new VqDna.Datasets.GueTask(task.Task.Name, task.Task.Labels,
            task.Task.Train.Where(e => e.Label == background).ToList(), task.Task.Dev.Where(e => e.Label == background).ToList(), task.Task.Test.Where(e => e.Label == background).ToList());
        TaskAssert.RegionsDisjoint(task with { Task = negatives }, SequenceFile.Read(Chr20).Single().Sequence, minDistance: 100);
    }

    [Fact]
    public void SameSeedSameFilesOtherSeedOtherWindows()
    {
        TaskAssert.SameBytes(Build(3, "MA0079.3")[0], Build(3, "MA0079.3")[0], 3);
        TaskAssert.Differ(Build(3, "MA0079.3")[0], Build(4, "MA0079.3")[0]);
    }

    [Fact]
    public void UnknownMotifIsAnError() =>
        Assert.Contains("MA9999.1", Assert.Throws<InvalidDataException>(() => Build(1, "MA9999.1")).Message);

    /// <summary>
    /// Locates a planted window in the genome by its intact 30 bp end (the motif, at most 21 bp,
    /// spares one of them) and returns the length of the stretch that differs: 0..motif length.
    /// </summary>
    private static int MismatchSpan(string planted, string genome)
    {
        var starts = Occurrences(genome, planted[..30]).Concat(Occurrences(genome, planted[^30..]).Select(e => e - 70))
            .Where(at => at >= 0 && at + 100 <= genome.Length).ToList();
        Assert.True(starts.Count > 0, "a positive's background is not from chr20");
        return starts.Min(at => Span(planted, genome.Substring(at, 100)));
    }

    private static IEnumerable<int> Occurrences(string genome, string part)
    {
        for (int at = genome.IndexOf(part, StringComparison.Ordinal); at >= 0; at = genome.IndexOf(part, at + 1, StringComparison.Ordinal))
            yield return at;
    }

    private static int Span(string a, string b)
    {
        int first = -1, last = -1;
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) { if (first < 0) first = i; last = i; }
        return first < 0 ? 0 : last - first + 1;
    }
}
