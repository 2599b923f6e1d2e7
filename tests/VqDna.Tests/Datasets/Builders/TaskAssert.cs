using VqDna.Datasets;
using VqDna.Datasets.Builders;

namespace VqDna.Tests.Datasets.Builders;

/// <summary>Checks every builder's output must pass.</summary>
internal static class TaskAssert
{
    public static IReadOnlyList<LabelledSequence>[] Splits(BuiltTask task) => [task.Task.Train, task.Task.Dev, task.Task.Test];

    /// <summary>Every row has the window length, a valid label, and each split holds every class.</summary>
    public static void Shape(BuiltTask task, int window, int classes)
    {
        Assert.Equal(classes, task.Task.Labels.Count);
        foreach (var split in Splits(task))
        {
            Assert.NotEmpty(split);
            Assert.All(split, e => Assert.Equal(window, e.Sequence.Length));
            Assert.All(split, e => Assert.InRange(e.Label, 0, classes - 1));
            Assert.Equal(classes, split.Select(e => e.Label).Distinct().Count());
        }
    }

    /// <summary>No sequence appears in two splits.</summary>
    public static void NoSequenceShared(BuiltTask task)
    {
        var splits = Splits(task).Select(s => s.Select(e => e.Sequence).ToHashSet(StringComparer.Ordinal)).ToArray();
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++)
                Assert.False(splits[a].Overlaps(splits[b]), $"{GueTask.SplitNames[a]} and {GueTask.SplitNames[b]} share a sequence");
    }

    /// <summary>
    /// Windows located in <paramref name="genome"/> (by exact match): no window of one split lies
    /// within <paramref name="minDistance"/> bases of one of another split. Returns the positions per split.
    /// </summary>
    public static List<int>[] RegionsDisjoint(BuiltTask task, string genome, int minDistance)
    {
        var positions = Splits(task).Select(s => s.Select(e => genome.IndexOf(e.Sequence, StringComparison.Ordinal)).Where(p => p >= 0).ToList()).ToArray();
        int window = task.Task.Train[0].Sequence.Length;
        var all = positions.SelectMany((p, s) => p.Select(x => (Start: x, Split: s))).OrderBy(x => x.Start).ToList();
        for (int i = 1; i < all.Count; i++)
            for (int j = i - 1; j >= 0 && all[i].Start - all[j].Start < window + minDistance; j--)
                if (all[i].Split != all[j].Split)
                    Assert.Fail($"a {GueTask.SplitNames[all[j].Split]} window at {all[j].Start} and a {GueTask.SplitNames[all[i].Split]} window at {all[i].Start} are closer than {minDistance} bp");
        return positions;
    }

    /// <summary>Saving twice gives byte-identical files.</summary>
    public static void SameBytes(BuiltTask a, BuiltTask b, int seed)
    {
        using var temp = RepoData.NewTempFolder();
        a.Save(temp.File("a"), seed);
        b.Save(temp.File("b"), seed);
        foreach (var name in new[] { "train.csv", "dev.csv", "test.csv", "labels.json", BuiltTask.ProvenanceFileName })
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("a"), name)), File.ReadAllBytes(Path.Combine(temp.File("b"), name)));
    }

    /// <summary>The training rows differ.</summary>
    public static void Differ(BuiltTask a, BuiltTask b) =>
        Assert.NotEqual(a.Task.Train.Select(e => e.Sequence), b.Task.Train.Select(e => e.Sequence));
}
