namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// `--device` and `--precision` (issue 18): every verb that runs a model takes --device, the training verbs take
/// --precision too, and a device that is not here is one line on standard error naming the option, before any work.
/// </summary>
public sealed class DeviceOptionTests
{
    /// <summary>Each verb with just enough arguments to reach its settings' validation (which resolves the device first).</summary>
    public static TheoryData<string[]> Verbs() => new()
    {
        new[] { "tokenizer", "train" },
        new[] { "pretrain" },
        new[] { "finetune", "task", "-m", "model", "-o", "out" },
        new[] { "predict", "in.csv", "-m", "model", "-o", "out.csv" },
        new[] { "tokenize", "in.fa", "-t", "tok", "-o", "out.tsv" },
        new[] { "embed", "in.fa", "-m", "model", "-o", "out.npy" },
        new[] { "bench", "--tasks", "task" },
        new[] { "quickstart" },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public void AGpuThatIsNotHereIsOneLineNamingTheOption(string[] verb)
    {
        // cuda:9: no GPU here (CI), or fewer than ten where there are some; the message differs, the option is named either way.
        var result = CliRunner.Run([.. verb, "--device", "cuda:9"]);
        Assert.Equal(2, result.ExitCode);                                   // a usage error (issue 19): the line to change is the user's
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: --device 'cuda:9' asks for", lines[0]);
        Assert.StartsWith("usage: see `vqdna", lines[1]);
    }

    [NoCudaFact]
    public void CudaWithoutAGpuSaysSoAndWhatToUseInstead()
    {
        var result = CliRunner.Run("pretrain", "--device", "cuda", "--steps", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Matches(@"^error: --device 'cuda' asks for a GPU, but CUDA is not available here \(libvqdna_native is built against libtorch [0-9.]+, a CPU-only build\); use --device cpu or auto\nusage: see `vqdna pretrain --help`\n$",
            result.Stderr);
    }

    [Theory]
    [InlineData("--device", "gpu", "error: --device 'gpu' is not a device: expected auto, cpu, cuda or cuda:N (N = 0, 1, ...)")]
    [InlineData("--precision", "fp16", "error: --precision 'fp16' is not a precision: expected fp32, bf16 or auto")]
    public void AnUnknownWordIsAnOptionError(string option, string value, string expected)
    {
        var result = CliRunner.Run("pretrain", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\nusage: see `vqdna pretrain --help`", result.Stderr.TrimEnd());
    }

    [Fact]
    public void InferenceVerbsTakeTheDeviceAndTrainingVerbsThePrecisionToo()
    {
        foreach (var verb in new[] { "predict", "tokenize", "embed" })
        {
            var help = CliRunner.Run(verb, "--help").Stdout;
            Assert.Contains("--device <auto|cpu|cuda|cuda:N>", help);
            Assert.DoesNotContain("--precision", help);
        }
        foreach (var verb in new[] { "pretrain", "finetune", "bench", "quickstart" })
        {
            var help = CliRunner.Run(verb, "--help").Stdout;
            Assert.Contains("--device <auto|cpu|cuda|cuda:N>", help);
            Assert.Contains("--precision <auto|fp32|bf16>", help);
        }
    }
}
