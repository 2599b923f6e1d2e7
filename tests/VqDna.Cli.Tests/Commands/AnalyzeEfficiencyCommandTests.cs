namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// `vqdna analyze efficiency` at a toy scale: one K (at the study's code dimension 256) and one dimension (at K = 512),
/// a few steps, two genomes.
/// </summary>
public sealed class AnalyzeEfficiencyCommandTests
{
    [Fact]
    public void WritesTheTableForEveryVariant()
    {
        using var temp = new TempFolder();
        var output = temp.File("efficiency");
        var result = CliRunner.Run("analyze", "efficiency", CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz"), CliRunner.Data("genomes/sars_cov2_NC_045512.fa.gz"),
            "--steps", "5", "--codebook-sizes", "8", "--code-dims", "8", "-o", output).Succeeded().PlainText();
        Assert.Contains("probe task", result.Stdout);
        Assert.Contains("tokenization efficiency", result.Stdout);
        var markdown = File.ReadAllText(Path.Combine(output, "efficiency.md"));
        Assert.Contains("tiny preset, 5 steps", markdown);
        Assert.Contains("| I(code;base) | context r=1 | context r=2 |", markdown);
        Assert.Contains("context r=1", result.Stdout);
        var json = File.ReadAllText(Path.Combine(output, "efficiency.json"));
        Assert.Contains("\"base_preset\": \"tiny\"", json);
        Assert.Contains("\"engine\": \"onnx\"", json);
        Assert.Contains("\"conditional_offset_bits\"", json);                           // the probe's embeddings ran on the default engine
        foreach (var variant in new[] { "vq-k8-d256", "hrq-k8-d256", "vq-k512-d8", "hrq-k512-d8" })
            Assert.True(Directory.Exists(Path.Combine(output, variant)), variant);
    }

    [Fact]
    public void BadValuesNameTheOption()
    {
        CliRunner.Run("analyze", "efficiency", "--steps", "0").FailedWith("--steps must be positive, got 0");
        CliRunner.Run("analyze", "efficiency", "--codebook-sizes", "0").FailedWith("--codebook-sizes must be positive, got 0");
        CliRunner.Run("analyze", "efficiency", "--preset", "huge").FailedWith("expected one of tiny, small, paper");
        CliRunner.Run("analyze", "efficiency", "--engine", "tensorrt").FailedWith("--engine: unknown value 'tensorrt'; expected one of torch, onnx");
    }
}
