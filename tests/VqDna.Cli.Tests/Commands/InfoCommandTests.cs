using VqDna.Torch;

namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna info`.</summary>
public sealed class InfoCommandTests
{
    [Fact]
    public void ShowsVersionsThreadsBlasAndThroughputAsPlainText()
    {
        var result = CliRunner.Run("info", "--sgemm-size", "64").Succeeded().PlainText();
        foreach (var item in new[] { "vqdna", ".NET", "libtorch", "threads", "BLAS", "malloc", "sgemm", "CUDA" }) Assert.Contains(item, result.Stdout);
        Assert.Contains("1 (of", result.Stdout);   // VQDNA_THREADS=1 from the runner
        Assert.Contains("GFLOP/s (float32, 64³", result.Stdout);
        Assert.Contains(CpuBfloat16.IsNative ? "auto: bf16 on the CPU" : "auto: fp32 on the CPU", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    /// <summary>
    /// libgomp reads OMP_WAIT_POLICY once, as it loads with libtorch; `info` makes its first native call through
    /// torch.cuda, as every command's --device resolution does. PASSIVE must be in the C environment by then: when it
    /// came later, fine-tuning on 2 vCPUs ran 2.3x slower (4.8 against 11.7 kbp/s).
    /// </summary>
    [Fact]
    public void TheOpenMpWaitPolicyIsPassiveBeforeLibtorchLoadsUnlessTheUserSetOne()
    {
        var unset = CliRunner.Run(["info", "--sgemm-size", "64"], environment: new Dictionary<string, string?> { ["OMP_WAIT_POLICY"] = null })
            .Succeeded().PlainText();
        Assert.Matches(@"OpenMP wait\s*│\s*PASSIVE\s*│", unset.Stdout);
        var active = CliRunner.Run(["info", "--sgemm-size", "64"], environment: new Dictionary<string, string?> { ["OMP_WAIT_POLICY"] = "ACTIVE" })
            .Succeeded().PlainText();
        Assert.Matches(@"OpenMP wait\s*│\s*ACTIVE\s*│", active.Stdout);
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
