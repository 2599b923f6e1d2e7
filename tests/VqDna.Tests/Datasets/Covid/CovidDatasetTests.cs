using VqDna.Datasets.Covid;
using VqDna.Datasets;

namespace VqDna.Tests.Datasets.Covid;

public sealed class CovidDatasetTests
{
    private static readonly CovidTaskConfig Config = new(Window: 500, Seed: 7);

    [Fact]
    public void BuildWritesATaskSplitByGenome()
    {
        using var temp = RepoData.NewTempFolder();
        var bundle = SyntheticCovid.WriteBundle(temp.Path);
        var output = Path.Combine(temp.Path, "covid");
        var summary = CovidDataset.Build(bundle, output, Config, referenceFasta: null);

        Assert.Equal(37, summary.Tips);                                                    // 9 × 4 + one outside the nine
        Assert.Equal(0, summary.Mismatches);
        Assert.All(summary.Variants, v => Assert.Equal([2, 1, 1], v.Genomes));             // 4 genomes: 2 train, 1 dev, 1 test
        var (root, genomes) = CovidDataset.Load(output);
        Assert.Equal(36, genomes.Count);
        Assert.DoesNotContain(genomes, g => g.Genome.Lineage == "B.1.1.70");

        // Every window comes from exactly one genome (private mutations make them unique) and sits in that genome's split.
        var task = GueTask.Load(summary.Task);
        Assert.Equal("covid_variant_1kb", task.Name);
        Assert.Equal(VariantCatalog.Variants.Select(v => v.Name), task.Labels.Names);
        var sequences = genomes.Select(g => (g, Sequence: g.Genome.Sequence(root))).ToList();
        IReadOnlyList<LabelledSequence>[] splits = [task.Train, task.Dev, task.Test];
        for (int s = 0; s < 3; s++)
            foreach (var row in splits[s])
            {
                var owners = sequences.Where(x => x.Sequence.Contains(row.Sequence, StringComparison.Ordinal)).ToList();
                if (owners.Count > 1) continue;                                           // a window with no private mutation is shared by design
                var owner = Assert.Single(owners);
                Assert.Equal(GueTask.SplitNames[s], owner.g.Split);
                Assert.Equal(owner.g.Variant, task.Labels.Names[row.Label]);
            }
        Assert.All(genomes.GroupBy(g => g.Name), g => Assert.Single(g));
        Assert.True(task.Train.Count + task.Dev.Count + task.Test.Count >= 36 * 4);         // ≥ 4 windows of 500 bp per 2.5 kb genome
    }

    [Fact]
    public void DefiningMutationsAreTheSharedOnes()
    {
        using var temp = RepoData.NewTempFolder();
        var output = Path.Combine(temp.Path, "covid");
        var summary = CovidDataset.Build(SyntheticCovid.WriteBundle(temp.Path), output, Config, referenceFasta: null);
        Assert.All(VariantCatalog.Variants, v => Assert.Equal(3, summary.DefiningMutations[v.Name]));   // private ones: 1 of 4 genomes < 90%
        var tsv = File.ReadAllLines(Path.Combine(output, "defining_mutations.tsv"));
        Assert.Equal(1 + 27, tsv.Length);
        Assert.StartsWith("variant\tmutation", tsv[0]);
        Assert.Contains("| Alpha | B.1.1.7 | 4 | 3 | 0 |", File.ReadAllText(Path.Combine(output, "defining_mutations.md")));
    }

    [Fact]
    public void SplitsAreDisjointStratifiedAndSeeded()
    {
        var genomes = VariantCatalog.Variants.SelectMany((v, i) => Enumerable.Range(0, 1 + 3 * i)
            .Select(k => (new RebuiltGenome($"{v.Name}/{k}", "", v.Lineage, []), v.Name))).ToList();
        var split = GenomeSplitter.Split(genomes, 0.1, 0.1, seed: 3);
        Assert.Equal(genomes.Count, split.Select(g => g.Name).Distinct().Count());           // each genome once, so in one split
        foreach (var group in split.GroupBy(g => g.Variant))
        {
            int n = group.Count();
            int test = group.Count(g => g.Split == "test"), dev = group.Count(g => g.Split == "dev");
            Assert.Equal(GenomeSplitter.Counts(n, 0.1, 0.1), (test, dev));
            if (n >= 3) Assert.True(test >= 1 && dev >= 1 && n - test - dev >= 1, $"{group.Key}: {n} genomes → {test} test, {dev} dev");
        }
        var reversed = GenomeSplitter.Split(genomes.AsEnumerable().Reverse().ToList(), 0.1, 0.1, seed: 3);
        Assert.Equal(split.OrderBy(g => g.Name).Select(g => g.Split), reversed.OrderBy(g => g.Name).Select(g => g.Split));
        var other = GenomeSplitter.Split(genomes, 0.1, 0.1, seed: 4);
        Assert.NotEqual(split.OrderBy(g => g.Name).Select(g => g.Split), other.OrderBy(g => g.Name).Select(g => g.Split));
        Assert.Equal((0, 0), GenomeSplitter.Counts(1, 0.1, 0.1));
        Assert.Equal((1, 0), GenomeSplitter.Counts(2, 0.1, 0.1));
    }

    [Fact]
    public void TaskNameWithoutCovidIsRejected() =>
        Assert.Throws<ArgumentException>(() => new CovidTaskConfig(TaskName: "variants").Validate());
}
