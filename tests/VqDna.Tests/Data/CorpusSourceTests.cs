using VqDna.Data;

namespace VqDna.Tests.Data;

public sealed class CorpusSourceTests
{
    [Fact]
    public void DefaultCorpusSpansAtLeastTenSpecies()
    {
        var genera = CorpusSource.Default.Select(s => string.Join(' ', s.Species.Split(' ').Take(2))).Distinct().ToList();
        Assert.True(genera.Count >= 10, $"only {genera.Count} species: {string.Join(", ", genera)}");
    }

    [Fact]
    public void SourcesAreDistinctFiles() =>
        Assert.Equal(CorpusSource.Default.Count, CorpusSource.Default.Select(s => (s.Package, s.PathInPackage)).Distinct().Count());

    [Fact]
    public void PackageNamesAreValidated() =>
        Assert.Throws<ArgumentException>(() => DebianPackage.Extract("bad name; rm", Path.GetTempPath()));

    [Fact]
    public void BadManifestNamesTheLine()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("manifest.tsv"), "species\tfile\trecords\tbp\tpackage\tpath_in_package\tfile_bytes\nE. coli\t/x\tone\t5\tp\tq\t1\n");
        var e = Assert.Throws<InvalidDataException>(() => CorpusFetcher.ReadManifest(temp.File("manifest.tsv")));
        Assert.Contains("line 2", e.Message);
    }
}
