using System.Text.Json;
using VqDna.Datasets.Covid;
using VqDna.Tests.Datasets.Covid;

namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// The SARS-CoV-2 variant study's verbs (`data covid`, `analyze variants`, `bench`) as the README shows them, on a
/// synthetic Nextclade bundle put in the npm cache (no network), and their option errors.
/// </summary>
public sealed class VariantStudyCommandTests
{
    /// <summary>`data covid` over the synthetic tree: 9 variants × 4 tips of a 2.5 kb root, 500-base windows.</summary>
    private static string BuildCovid(TempFolder temp)
    {
        var npm = temp.File("npm");
        Directory.CreateDirectory(npm);
        File.Copy(SyntheticCovid.WriteBundle(temp.Path), Path.Combine(npm, $"nextclade-{NextcladePackage.Version}.js"));
        var covid = temp.File("covid");
        var result = CliRunner.Run("data", "covid", "-o", covid, "--npm-cache", npm, "--window", "500").Succeeded().PlainText();
        Assert.Contains("36 genomes of the nine variants", result.Stdout);
        Assert.Contains("0 reference-base mismatch(es)", result.Stdout);
        Assert.Contains("length differs from NC_045512.2", result.Stdout);     // the synthetic root is not the real genome
        Assert.True(File.Exists(Path.Combine(covid, "covid_variant_1kb", "train.csv")));
        Assert.True(File.Exists(Path.Combine(covid, "defining_mutations.md")));
        return covid;
    }

    [Fact]
    public void DataCovidThenAnalyzeVariantsWriteTheReport()
    {
        using var temp = new TempFolder();
        var covid = BuildCovid(temp);
        var hrq = temp.File("hrq");
        CliRunner.Run("tokenizer", "train", TrainedTokenizer.Genome, "--preset", "tiny", "--steps", "5", "--window", "64", "--batch", "4", "-o", hrq).Succeeded();

        var output = temp.File("variants");
        var result = CliRunner.Run("analyze", "variants", "--tokenizer", hrq, "--covid", covid, "-o", output, "--max-distance", "10", "--bpe-vocab", "64")
            .Succeeded().PlainText();
        Assert.Contains("changed-token rate by distance", result.Stdout);
        Assert.Contains("hrq level 2 (fine)", result.Stdout);
        Assert.Contains("silhouette by variant", result.Stdout);
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("(token_change.png)", report);
        Assert.True(new FileInfo(Path.Combine(output, "token_change.png")).Length > 1000);
        Assert.Equal(1 + 4 * 11, File.ReadAllLines(Path.Combine(output, "token_change.csv")).Length);   // 4 curves × distances 0..10
    }

    [Fact]
    public void BenchOnTheCovidTaskScoresMacroF1AndReusesItsStages()
    {
        using var temp = new TempFolder();
        var task = Path.Combine(BuildCovid(temp), "covid_variant_1kb");
        var output = temp.File("bench");
        string[] args = ["bench", "--tasks", task, "--tokenizers", "char,6mer", "--seeds", "1", "--corpus", CliRunner.Data("genomes/sars_cov2_NC_045512.fa.gz"),
            "--pretrain-steps", "2", "--window", "64", "--batch", "4", "--finetune-steps", "2", "--max-train", "16", "--max-dev", "12", "--baselines", "kmer-lr", "-o", output];
        var first = CliRunner.Run(args).Succeeded().PlainText();
        Assert.Contains("[1/7] pretrain char: training", first.Stdout);             // 2 backbones, 2 fine-tunings, 2 probes, 1 baseline
        Assert.Contains("macro F1, linear probe", first.Stdout);
        Assert.Contains("majority class", first.Stdout);
        Assert.Contains("average rank", first.Stdout);
        var markdown = File.ReadAllText(Path.Combine(output, "bench.md"));
        Assert.Contains("| covid_variant_1kb | macro F1 |", markdown);
        Assert.Contains("at most 16 training examples, selected on at most 12 dev examples", markdown);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "bench.json"))))
            Assert.Equal(3, json.RootElement.GetProperty("scores").GetArrayLength());
        Assert.Contains("| task | metric | char | 6mer | kmer-lr | majority class |", markdown);

        var second = CliRunner.Run(args).Succeeded();
        Assert.Contains("(0 stage(s) trained, 7 reused)", second.Stdout);

        // Another budget into the same folder is refused, naming what changed, before anything is trained.
        string[] longer = [.. args];
        longer[Array.IndexOf(longer, "--pretrain-steps") + 1] = "3";
        CliRunner.Run(longer).FailedWith("pretrain_steps was 2, now 3");
    }

    [Theory]
    [InlineData("--window", "5", "--window must be at least 10 bases, got 5")]
    [InlineData("--windows-per-genome", "-1", "--windows-per-genome must be zero or more, got -1")]
    [InlineData("--reference", "no-such.fa", "--reference: 'no-such.fa' does not exist; expected the NC_045512.2 FASTA")]
    public void DataCovidOptionErrorsNameTheOption(string option, string value, string message)
    {
        using var temp = new TempFolder();
        CliRunner.Run("data", "covid", "-o", temp.File("covid"), option, value).FailedWith(message);
        Assert.False(Directory.Exists(temp.File("covid")));                      // refused before any fetch
    }

    [Theory]
    [InlineData("--max-distance", "0", "--max-distance must be in 1..1000, got 0")]
    [InlineData("--bpe-vocab", "8", "--bpe-vocab must be at least 16")]
    [InlineData("--encoder-region", "900-100", "--encoder-region must be START-END")]
    [InlineData("--covid", "no-such-folder", "--covid: 'no-such-folder' does not exist; expected the folder `vqdna data covid` writes")]
    [InlineData("--engine", "tensorrt", "--engine: unknown value 'tensorrt'; expected one of torch, onnx")]
    public void AnalyzeVariantsOptionErrorsNameTheOption(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var tokenizer = temp.File("tokenizer");
        Directory.CreateDirectory(tokenizer);
        var covid = temp.File("covid");
        Directory.CreateDirectory(covid);
        // The option under test replaces its valid default here (an option given twice is a parse error of its own).
        var args = new Dictionary<string, string> { ["--tokenizer"] = tokenizer, ["--covid"] = covid, ["-o"] = temp.File("out") };
        args[option] = value;
        string[] line = ["analyze", "variants", .. args.SelectMany(a => new[] { a.Key, a.Value })];
        CliRunner.Run(line).FailedWith(message);
    }

    [Fact]
    public void AnalyzeVariantsNamesAMissingTokenizer()
    {
        CliRunner.Run("analyze", "variants").FailedWith("Option '--tokenizer' is required");
        CliRunner.Run("analyze", "variants", "--tokenizer", "no-such-tokenizer").FailedWith("--tokenizer: 'no-such-tokenizer' does not exist");
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be positive, got 0")]
    [InlineData("--pretrain-steps", "0", "--pretrain-steps must be positive, got 0")]
    [InlineData("--finetune-steps", "-1", "--finetune-steps must be zero or more, got -1")]
    [InlineData("--max-dev", "-1", "--max-dev must be zero or more, got -1")]
    [InlineData("--finetune-epochs", "0", "--finetune-epochs must be a positive number, got 0")]
    [InlineData("--tokenizers", "char,wordpiece", "--tokenizers: unknown tokenizer(s) wordpiece; expected some of char, kmer3")]
    [InlineData("--tokenizers", "char,char", "--tokenizers: 'char' is listed twice")]
    [InlineData("--preset", "huge", "expected one of tiny, small, base")]
    [InlineData("--tokenizer-preset", "huge", "expected one of tiny, small, paper")]
    [InlineData("--finetune-mode", "adapters", "expected one of lora, full, probe")]
    [InlineData("--corpus", "no-such.fa", "--corpus: 'no-such.fa' does not exist")]
    public void BenchOptionErrorsNameTheOption(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var task = temp.File("task");
        Directory.CreateDirectory(task);
        CliRunner.Run("bench", "--tasks", task, "-o", temp.File("bench"), option, value).FailedWith(message);
        Assert.False(Directory.Exists(temp.File("bench")));
    }

    [Fact]
    public void BenchNamesAMissingTaskFolder()
    {
        using var temp = new TempFolder();
        CliRunner.Run("bench", "--tasks", temp.File("none")).FailedWith($"--tasks: '{temp.File("none")}' does not exist; expected a GUE-layout task folder");
    }
}
