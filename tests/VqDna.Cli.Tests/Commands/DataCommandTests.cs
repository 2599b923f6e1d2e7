namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// `vqdna data build-tasks` and `vqdna data fetch`: both download Debian packages, so here only what they do before
/// any download (the full builds are covered by the library's tests on the same real files).
/// </summary>
public sealed class DataCommandTests
{
    [Fact]
    public void BuildTasksWithACacheFileStopsAtTheFirstError()
    {
        // Issue 7, defect 8: every group failed in turn with the same error.
        using var temp = new TempFolder();
        var file = temp.File("cache");
        File.WriteAllText(file, "not a folder");
        CliRunner.Run("data", "build-tasks", "--output", temp.File("tasks"), "--cache-dir", file)
            .UsageError($"--cache-dir: '{file}' is a file; expected a folder", "vqdna data build-tasks");
        Assert.False(Directory.Exists(temp.File("tasks")));
    }

    [Fact]
    public void BuildTasksRefusesUnknownGroups()
    {
        using var temp = new TempFolder();
        CliRunner.Run("data", "build-tasks", "--output", temp.File("tasks"), "--tasks", "species,bogus")
            .FailedWith("--tasks: unknown group(s) bogus; expected some of species, coding, promoter, splice, tf");
    }

    [Fact]
    public void FetchWithACacheFileSaysSo()
    {
        using var temp = new TempFolder();
        var file = temp.File("cache");
        File.WriteAllText(file, "");
        CliRunner.Run("data", "fetch", "--cache-dir", file).FailedWith($"--cache-dir: '{file}' is a file; expected a folder");
    }
}
