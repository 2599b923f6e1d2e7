using VqDna.Datasets.Covid;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets.Covid;

/// <summary>The real package: fetched once with npm into ~/.cache/vqdna (CI has registry access; ~1 MB).</summary>
public sealed class NextcladePackageTests
{
    [Fact]
    public void RealTreeRebuildsTheNineVariantsWithoutMismatches()
    {
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vqdna", "nextclade");
        var bundle = NextcladeBundle.Load(NextcladePackage.Fetch(cache));
        var reference = SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence;
        Assert.Equal(0, CovidDataset.CompareRoot(bundle.RootSequence, reference));         // MN908947 = NC_045512.2

        var rebuild = GenomeRebuilder.Rebuild(bundle.RootSequence, ReferenceTree.Parse(bundle.TreeJson, "nextclade.js"));
        Assert.Equal(1849, rebuild.Genomes.Count);
        Assert.Empty(rebuild.Mismatches);
        var counts = rebuild.Genomes.GroupBy(g => VariantCatalog.Find(g.Lineage)?.Name ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(80, counts["Alpha"]);
        Assert.Equal(70, counts["Beta"]);
        Assert.Equal(30, counts["Gamma"]);
        Assert.Equal(15, counts["Delta"]);
        Assert.Equal(7, counts["Lambda"]);
        var alpha = rebuild.Genomes.Where(g => g.Lineage == "B.1.1.7").ToList();
        double n501y = alpha.Count(g => g.Differences.Contains(new NucleotideMutation('A', 23063, 'T'))) / (double)alpha.Count;
        Assert.True(n501y >= 0.9, $"spike N501Y (A23063T) in {n501y:P0} of Alpha genomes");
    }
}
