using System.Diagnostics;
using System.Text;
using VqDna.Torch.Serialization;

namespace VqDna.Torch.Tests.Serialization;

/// <summary>Where outputs go: identity by inode, FIFOs and links, directories, stale temporary files (issue 7, defect 3).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputTargetTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "vqdna-output-" + Guid.NewGuid().ToString("N")[..12]);

    public OutputTargetTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    [Fact]
    public void SameFileThroughHardAndSymbolicLinksButNotACopy()
    {
        File.WriteAllText(P("a"), "x");
        File.Copy(P("a"), P("copy"));
        File.CreateSymbolicLink(P("sym"), P("a"));
        Process.Start("ln", [P("a"), P("hard")]).WaitForExit();
        Assert.True(FileIdentity.SameFile(P("a"), P("hard")));
        Assert.True(FileIdentity.SameFile(P("a"), P("sym")));
        Assert.True(FileIdentity.SameFile(P("a"), Path.Combine(dir, ".", "a")));
        Assert.False(FileIdentity.SameFile(P("a"), P("copy")));
        Assert.False(FileIdentity.SameFile(P("a"), P("missing")));
        Assert.Equal(FileKind.SymbolicLink, FileIdentity.Of(P("sym"), followLinks: false)!.Value.Kind);
        Assert.Equal(FileKind.Regular, FileIdentity.Of(P("sym"))!.Value.Kind);
        Assert.Equal(FileKind.CharacterDevice, FileIdentity.Of("/dev/null")!.Value.Kind);
        Assert.Equal(FileKind.Directory, FileIdentity.Of(dir)!.Value.Kind);
    }

    [Fact]
    public void ResolveFollowsLinksWritesThroughDevicesAndRefusesDirectories()
    {
        File.WriteAllText(P("real"), "old");
        File.CreateSymbolicLink(P("link"), "real");
        Assert.Equal(new OutputTarget(P("real"), WriteThrough: false), OutputTarget.Resolve(P("link")));
        Assert.Equal(new OutputTarget(P("new"), WriteThrough: false), OutputTarget.Resolve(P("new")));
        Assert.True(OutputTarget.Resolve("/dev/null").WriteThrough);
        Assert.True(OutputTarget.Resolve("-").IsStandardOutput);
        var error = Assert.Throws<IOException>(() => OutputTarget.Resolve(dir));
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void CommitThroughALinkReplacesTheTargetAndKeepsTheLinkAndPermissions()
    {
        File.WriteAllText(P("real"), "old");
        File.SetUnixFileMode(P("real"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(P("link"), "real");
        using (var stream = new AtomicFileStream(P("link")))
        {
            stream.Write(Encoding.ASCII.GetBytes("new"));
            Assert.Equal("old", File.ReadAllText(P("real")));   // nothing visible before Commit
            stream.Commit();
            stream.Flush();                                       // a flush after Commit is harmless (issue 7, defect 1)
        }
        Assert.Equal("new", File.ReadAllText(P("real")));
        Assert.NotNull(File.ResolveLinkTarget(P("link"), returnFinalTarget: false));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("real")));
        Assert.Equal(["link", "real"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task FifoIsWrittenThrough()
    {
        Process.Start("mkfifo", [P("fifo")]).WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(P("fifo")));
        using (var stream = new AtomicFileStream(P("fifo")))
        {
            stream.Write(Encoding.ASCII.GetBytes("through"));
            Assert.Equal(7, stream.Position);
            stream.Commit();
        }
        Assert.Equal("through", await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(FileKind.Fifo, FileIdentity.Of(P("fifo"))!.Value.Kind);
    }

    [Fact]
    public void StaleTemporaryFilesOfDeadProcessesAreDeletedOthersKept()
    {
        using var exited = Process.Start("true")!;
        exited.WaitForExit();
        File.WriteAllText(P($"a.tmp-{exited.Id}"), "");
        File.WriteAllText(P($"b.tmp-{exited.Id}"), "");
        File.WriteAllText(P($"c.tmp-{Environment.ProcessId}"), "");
        File.WriteAllText(P("d.tmp-notapid"), "");
        foreach (var name in new[] { $"a.tmp-{exited.Id}", $"c.tmp-{Environment.ProcessId}", "d.tmp-notapid" })
            File.SetLastWriteTimeUtc(P(name), DateTime.UtcNow - 2 * OutputTarget.StaleAge);
        Assert.Equal(1, OutputTarget.DeleteStaleTemps(dir));
        Assert.False(File.Exists(P($"a.tmp-{exited.Id}")));
        Assert.True(File.Exists(P($"b.tmp-{exited.Id}")));   // too recent: maybe a live writer in another PID namespace
        Assert.True(File.Exists(P($"c.tmp-{Environment.ProcessId}")));
        Assert.True(File.Exists(P("d.tmp-notapid")));
    }

    [Fact]
    public void DisposeWithoutCommitLeavesTheOldFileAndNoTemporary()
    {
        File.WriteAllText(P("out"), "old");
        using (var stream = new AtomicFileStream(P("out"))) stream.Write(Encoding.ASCII.GetBytes("half"));
        Assert.Equal("old", File.ReadAllText(P("out")));
        Assert.Equal(["out"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }
}
