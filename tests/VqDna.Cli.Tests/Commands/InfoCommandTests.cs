namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna info`.</summary>
public sealed class InfoCommandTests
{
    [Fact]
    public void ShowsVersionsThreadsBlasAndThroughputAsPlainText()
    {
        var result = CliRunner.Run("info", "--sgemm-size", "64").Succeeded().PlainText();
        foreach (var item in new[] { "vqdna", ".NET", "libtorch", "threads", "BLAS", "malloc", "sgemm" }) Assert.Contains(item, result.Stdout);
        Assert.Contains("1 (of", result.Stdout);   // VQDNA_THREADS=1 from the runner
        Assert.Contains("GFLOP/s (float32, 64³", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void BadSizeNamesTheOption() => CliRunner.Run("info", "--sgemm-size", "0").FailedWith("--sgemm-size must be positive, got 0");

    [Fact]
    public void UnknownVerbIsAnErrorOnStandardError()
    {
        var result = CliRunner.Run("frobnicate");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr);
    }
}
