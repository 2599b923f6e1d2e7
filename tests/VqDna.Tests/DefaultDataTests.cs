using VqDna.Sequences.Readers;

namespace VqDna.Tests;

/// <summary>The embedded default under data/: small, documented, and readable.</summary>
public sealed class DefaultDataTests
{
    private static IEnumerable<string> DataFiles() =>
        Directory.EnumerateFiles(RepoData.Data(""), "*.gz", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "cache" + Path.DirectorySeparatorChar));

    [Fact]
    public void StaysUnderTenMegabytes() =>
        Assert.InRange(DataFiles().Sum(f => new FileInfo(f).Length), 1, 10_000_000);

    [Fact]
    public void EveryFileIsDescribedInTheReadme()
    {
        var readme = File.ReadAllText(RepoData.Data("README.md"));
        foreach (var file in DataFiles())
            Assert.Contains("`" + Path.GetRelativePath(RepoData.Data(""), file).Replace('\\', '/') + "`", readme);
    }

    [Fact]
    public void EveryFileReadsAsSequences()
    {
        foreach (var file in DataFiles())
            Assert.True(SequenceFile.Read(file).Sum(r => (long)r.Length) > 10_000, file);
    }
}
