using VqDna.Datasets.Covid;

namespace VqDna.Tests.Datasets.Covid;

public sealed class CovidTreeTests
{
    [Fact]
    public void BundleYieldsRootTreeAndGenes()
    {
        var json = MiniTree.Json.Replace("\"19A\"", "\"19A (Wuhan's \\u0027x\\u0027)\"");  // a quote (escaped in JS) and a JSON escape (its backslash escaped in JS)
        var bundle = NextcladeBundle.Parse(MiniTree.Bundle(MiniTree.Root, json), "mini.js");
        Assert.Equal(MiniTree.Root, bundle.RootSequence);
        Assert.Equal((2, 5), bundle.Genes["S"]);
        Assert.False(bundle.Genes.ContainsKey("nuc"));
        var tree = ReferenceTree.Parse(bundle.TreeJson, "mini");
        Assert.Equal("19A (Wuhan's 'x')", tree.Clade);
        Assert.Equal(["tipA", "tipB", "tipC", "tipD"], tree.Tips().Select(t => t.Name));
        Assert.Equal(7, tree.CountNodes());
    }

    [Fact]
    public void BundleWithoutTheTreeModuleIsAClearError()
    {
        var text = MiniTree.Bundle(MiniTree.Root, MiniTree.Json).Replace("tree.json ***!", "other.json ***!");
        var e = Assert.Throws<InvalidDataException>(() => NextcladeBundle.Parse(text, "mini.js"));
        Assert.Contains("sars-cov-2/tree.json", e.Message);
        Assert.Contains("mini.js", e.Message);
    }

    [Fact]
    public void RebuildAppliesRootToTipMutationsAndCountsMismatches()
    {
        var rebuild = GenomeRebuilder.Rebuild(MiniTree.Root, ReferenceTree.Parse(MiniTree.Json, "mini"));
        var genomes = rebuild.Genomes.ToDictionary(g => g.Name);
        Assert.Equal("ATATACGTAC", genomes["tipA"].Sequence(MiniTree.Root));
        Assert.Equal("ATGTGCGTAC", genomes["tipB"].Sequence(MiniTree.Root));               // deleted on NODE_2, restored on tipB
        Assert.Equal("ATG-ACCTAC", new string(genomes["tipC"].Aligned(MiniTree.Root)));
        Assert.Equal("ATGACCTAC", genomes["tipC"].Sequence(MiniTree.Root));
        Assert.Equal("ACGTACGTGC", genomes["tipD"].Sequence(MiniTree.Root));
        Assert.Equal(["C2T", "T4-", "G7C"], genomes["tipC"].Differences.Select(d => d.ToString()));
        Assert.Equal("B.1.1.7", genomes["tipA"].Lineage);
        Assert.Equal("20I (Alpha, V1)", genomes["tipA"].Clade);

        var mismatch = Assert.Single(rebuild.Mismatches);                                 // C9G, but position 9 holds A
        Assert.Equal("tipD", mismatch.Node);
        Assert.Equal('A', mismatch.ParentBase);
        Assert.Equal(7, rebuild.MutationsApplied);
        Assert.Equal(7, rebuild.Nodes);
    }

    [Fact]
    public void MutationTextRoundTripsAndBadTextNamesItself()
    {
        Assert.Equal(new NucleotideMutation('A', 28271, '-'), NucleotideMutation.Parse("A28271-"));
        Assert.Equal("-4T", NucleotideMutation.Parse("-4T").ToString());
        Assert.True(NucleotideMutation.Parse("C241T").IsSubstitution);
        var e = Assert.Throws<FormatException>(() => NucleotideMutation.Parse("C2x41T"));
        Assert.Contains("C2x41T", e.Message);
        var bad = MiniTree.Json.Replace("\"G3A\"", "\"G0A\"");
        var tree = Assert.Throws<InvalidDataException>(() => ReferenceTree.Parse(bad, "mini"));
        Assert.Contains("tipA", tree.Message);
    }

    [Fact]
    public void MutationPastTheRootIsAnErrorNamingTheNode()
    {
        var e = Assert.Throws<InvalidDataException>(() => GenomeRebuilder.Rebuild("ACGT", ReferenceTree.Parse(MiniTree.Json, "mini")));
        Assert.Contains("tipB", e.Message);                                               // A5G on a 4-base root
        Assert.Contains("A5G", e.Message);
    }

    [Theory]
    [InlineData("B.1.1.7", "Alpha")]
    [InlineData("Q.1", "Alpha")]
    [InlineData("B.1.351.2", "Beta")]
    [InlineData("B.1.617.2", "Delta")]
    [InlineData("AY.4.2", "Delta")]
    [InlineData("B.1.525", "Eta")]
    [InlineData("P.1.1", "Gamma")]
    [InlineData("B.1.526.3", "Iota")]
    [InlineData("B.1.617.1", "Kappa")]
    [InlineData("C.37", "Lambda")]
    [InlineData("P.2", "Zeta")]
    [InlineData("B.1.1.70", null)]                                                       // a prefix of the string, not a sub-lineage
    [InlineData("B.1.617.3", null)]
    [InlineData("B.1.5260", null)]
    [InlineData("P.10", null)]
    [InlineData("", null)]
    public void LineagesMapToTheirVariant(string lineage, string? variant) =>
        Assert.Equal(variant, VariantCatalog.Find(lineage)?.Name);
}
