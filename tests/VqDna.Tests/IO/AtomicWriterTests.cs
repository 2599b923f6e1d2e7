using VqDna.IO;

namespace VqDna.Tests.IO;

/// <summary>The text writer every output goes through.</summary>
public sealed class AtomicWriterTests
{
    [Fact]
    public void DisposeAfterCommitDoesNotThrow()
    {
        // Issue 7, defect 1: Dispose flushed a StreamWriter into the stream Commit had closed, so every
        // `vqdna tokenize` exited 1 after writing its output.
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("out.tsv");
        var writer = new AtomicWriter(path);
        writer.Writer.WriteLine("a\tb");
        writer.Commit();
        writer.Dispose();
        Assert.Equal("a\tb\n", File.ReadAllText(path));
    }

    [Fact]
    public void DisposeWithoutCommitKeepsTheOldFile()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("out.tsv");
        File.WriteAllText(path, "old");
        using (var writer = new AtomicWriter(path)) writer.Writer.Write(new string('x', 1 << 20));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void DirectoryIsAClearError()
    {
        using var temp = RepoData.NewTempFolder();
        var error = Assert.Throws<IOException>(() => new AtomicWriter(temp.Path));
        Assert.Contains($"'{temp.Path}' is a directory", error.Message);
    }
}
