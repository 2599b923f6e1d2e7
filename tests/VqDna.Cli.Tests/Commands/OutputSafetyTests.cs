using System.Diagnostics;

namespace VqDna.Cli.Tests.Commands;

/// <summary>Outputs never destroy inputs, FIFOs, devices or links, and leave no stale temporary files (issue 7, defect 3).</summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed class OutputSafetyTests(TrainedTokenizer tokenizer)
{
    [Fact]
    public void OutputEqualToTheInputIsRefusedByPathLinkAndHardLink()
    {
        using var temp = new TempFolder();
        var input = temp.File("in.fa.gz");
        File.Copy(TrainedTokenizer.Genome, input);
        var original = File.ReadAllBytes(input);
        File.CreateSymbolicLink(temp.File("link.tsv"), input);
        Process.Start("ln", [input, temp.File("hard.tsv")]).WaitForExit();
        Assert.True(File.Exists(temp.File("hard.tsv")));

        foreach (var output in new[] { temp.File("link.tsv"), temp.File("hard.tsv"), Path.Combine(temp.Path, ".", "hard.tsv") })
            CliRunner.Run("tokenize", input, "-t", tokenizer.Path, "-o", output).FailedWith("is the same file as <input>");
        CliRunner.Run("tokenize", input, "-t", tokenizer.Path, "-o", temp.File("c.tsv"), "--embeddings", temp.File("hard.tsv"))
            .FailedWith("--embeddings '" + temp.File("hard.tsv") + "' is the same file as <input>");
        Assert.Equal(original, File.ReadAllBytes(input));
        Assert.Equal(FileAttributes.ReparsePoint, File.GetAttributes(temp.File("link.tsv")) & FileAttributes.ReparsePoint);
    }

    [Fact]
    public void DetokenizeRefusesToOverwriteItsCodesOrReference()
    {
        using var temp = new TempFolder();
        var codes = temp.File("codes.tsv");
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", codes).Succeeded();
        var reference = temp.File("ref.fa.gz");
        File.Copy(TrainedTokenizer.Genome, reference);
        File.CreateSymbolicLink(temp.File("ref-link.fa"), reference);
        var codesBefore = File.ReadAllText(codes);

        CliRunner.Run("detokenize", codes, "-t", tokenizer.Path, "-o", codes).FailedWith("is the same file as <codes>");
        CliRunner.Run("detokenize", codes, "-t", tokenizer.Path, "-o", temp.File("ref-link.fa"), "--reference", reference)
            .FailedWith("is the same file as --reference");
        CliRunner.Run("detokenize", codes, "-t", tokenizer.Path, "-o", Path.Combine(tokenizer.Path, "config.json"))
            .FailedWith("is inside --tokenizer");
        Assert.Equal(codesBefore, File.ReadAllText(codes));
        Assert.Equal(File.ReadAllBytes(TrainedTokenizer.Genome), File.ReadAllBytes(reference));
    }

    [Fact]
    public async Task FifoIsWrittenThroughAndStaysAFifo()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        var fifo = temp.File("pipe.tsv");
        Process.Start("mkfifo", [fifo]).WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(fifo));
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", fifo).Succeeded();
        var text = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(File.ReadAllText(temp.File("codes.tsv")), text);
        Assert.Equal("fifo", FileType(fifo));
    }

    [Fact]
    public void CharacterDeviceIsWrittenThroughAndStaysADevice()
    {
        // As root, `-o /dev/null` replaced the device node with a regular file. A null device made here (root can
        // mknod), so a regression cannot destroy the system's /dev/null; without root, /dev/null cannot be replaced anyway.
        using var temp = new TempFolder();
        var device = temp.File("null.tsv");
        var mknod = Process.Start(new ProcessStartInfo("mknod", [device, "c", "1", "3"]) { RedirectStandardError = true })!;
        mknod.WaitForExit();
        if (mknod.ExitCode != 0) device = "/dev/null";
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", device).Succeeded();
        Assert.Equal("character special file", FileType(device));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*"));
    }

    [Fact]
    public void SymbolicLinkIsFollowedAndKept()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("real"));
        var target = temp.File("real/codes.tsv");
        File.WriteAllText(target, "old");
        var link = temp.File("codes.tsv");
        File.CreateSymbolicLink(link, "real/codes.tsv");
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", link).Succeeded();
        Assert.Equal("symbolic link", FileType(link));
        Assert.StartsWith("id\tlength\tlevel1\tlevel2\n", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void StaleTemporaryFilesOfDeadProcessesAreRemoved()
    {
        using var temp = new TempFolder();
        int deadPid = DeadPid();
        var stale = temp.File($"codes.tsv.tmp-{deadPid}");
        var live = temp.File($"other.tsv.tmp-{Environment.ProcessId}");   // this test process is alive
        var fresh = temp.File($"third.tsv.tmp-{deadPid}");                // dead, but written a moment ago
        foreach (var f in new[] { stale, live, fresh }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddMinutes(-5));
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        Assert.False(File.Exists(stale), "the dead process's temporary file is still there");
        Assert.True(File.Exists(live), "a live process's temporary file was deleted");
        Assert.True(File.Exists(fresh), "a recently written temporary file was deleted");
    }

    [Fact]
    public void OneStandardOutputAtMost()
    {
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", "-", "--embeddings", "-")
            .FailedWith("--output and --embeddings both name standard output");
    }

    /// <summary>The PID of a process that has exited (and, barring reuse within the test, is not running).</summary>
    private static int DeadPid()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        Assert.False(Directory.Exists($"/proc/{process.Id}"));
        return process.Id;
    }

    private static string FileType(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true })!;
        var type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }
}
