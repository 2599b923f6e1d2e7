namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna tokenizer train`: a tiny run end to end, and option errors that name the option (issue 7, defect 8).</summary>
public sealed class TokenizerTrainCommandTests
{
    private static readonly string[] Tiny = ["--steps", "20", "--window", "64", "--batch", "4"];

    [Fact]
    public void TrainsAVqTokenizerOnGivenFiles()
    {
        using var temp = new TempFolder();
        var output = temp.File("vq");
        string[] args = ["tokenizer", "train", CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz"), CliRunner.Data("genomes/sars_cov2_NC_045512.fa.gz"),
            "--preset", "tiny", "--quantizer", "vq", "--checkpoint-every", "10", .. Tiny, "-o", output];
        var result = CliRunner.Run(args).Succeeded().PlainText();
        Assert.Contains("corpus: 2 records", result.Stdout);
        Assert.Contains("model: vq, width 32, 2 blocks, codebooks 32 × 16", result.Stdout);
        Assert.Contains("step 20/20", result.Stdout);
        Assert.Contains("reconstruction accuracy:", result.Stdout);
        Assert.Contains("I(code;base) bits", result.Stdout);                    // the code-context columns (issue 21)
        Assert.Contains("I(code_i; base_i+d | base_i), millibits, d = -8..8:", result.Stdout);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json" }) Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.Contains("\"levels\": 1", File.ReadAllText(Path.Combine(output, "config.json")));
    }

    [Fact]
    public void TrainsAThreeLevelHrqTokenizerAndTokenizesWithIt()
    {
        // Issue 21: HRQ's level count. The small preset has 4 encoder blocks, so 3 levels quantize after blocks 1, 3 and 4.
        using var temp = new TempFolder();
        var output = temp.File("hrq3");
        var genome = CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz");
        var result = CliRunner.Run(["tokenizer", "train", genome, "--preset", "small", "--levels", "3", "--steps", "2", "--window", "64",
            "--batch", "2", "-o", output]).Succeeded().PlainText();
        Assert.Contains("model: hrq, width 128, 4 blocks, codebooks 512+1024+2048 × 64", result.Stdout);
        Assert.Contains("\"levels\": 3", File.ReadAllText(Path.Combine(output, "config.json")));
        var codes = temp.File("codes.tsv");
        CliRunner.Run("tokenize", genome, "-t", output, "-o", codes).Succeeded();
        var lines = File.ReadAllLines(codes);
        Assert.StartsWith("id\tlength\tlevel1\tlevel2\tlevel3", lines[0]);
        var fields = lines[1].Split('\t');
        Assert.Equal(5, fields.Length);
        int length = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        for (int level = 1; level <= 3; level++)
        {
            var levelCodes = fields[1 + level].Split(' ').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(length, levelCodes.Count);
            Assert.All(levelCodes, c => Assert.InRange(c, 0, (512 << (level - 1)) - 1));
        }
    }

    [Theory]
    [InlineData("tiny", "hrq", "3", "--levels must be at most the tiny preset's 2 encoder blocks, got 3")]
    [InlineData("small", "hrq", "1", "--levels must be at least 2 for hrq (one level is --quantizer vq), got 1")]
    [InlineData("small", "vq", "2", "--levels applies to --quantizer hrq (vq has one level), got --levels 2")]
    public void LevelsOutsideWhatThePresetAndQuantizerAllowAreRefused(string preset, string quantizer, string levels, string message)
    {
        using var temp = new TempFolder();
        var output = temp.File("run");
        CliRunner.Run("tokenizer", "train", "--preset", preset, "--quantizer", quantizer, "--levels", levels, "-o", output).FailedWith(message);
        Assert.False(Directory.Exists(output), "training started before --levels was checked");
    }

    [Theory]
    [InlineData("--steps", "0", "--steps must be positive, got 0")]
    [InlineData("--window", "-5", "--window must be positive, got -5")]
    [InlineData("--batch", "0", "--batch must be positive, got 0")]
    [InlineData("--checkpoint-every", "0", "--checkpoint-every must be positive, got 0")]
    [InlineData("--lr", "NaN", "--lr must be a finite number in (0, 1], got NaN")]
    [InlineData("--lr", "Infinity", "--lr must be a finite number in (0, 1], got Infinity")]
    [InlineData("--lr", "5", "--lr must be a finite number in (0, 1], got 5")]
    [InlineData("--lr", "0", "--lr must be a finite number in (0, 1], got 0")]
    public void BadValuesNameTheOptionAndStopBeforeTraining(string option, string value, string message)
    {
        // Issue 7, defect 8: the message said "Parameter 'Steps'", and a NaN learning rate ended in a JSON serializer error.
        using var temp = new TempFolder();
        var output = temp.File("run");
        var result = CliRunner.Run("tokenizer", "train", option, value, "-o", output).FailedWith(message).PlainText();
        Assert.DoesNotContain("Parameter", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.False(Directory.Exists(output), "training started before the option was checked");
    }

    [Fact]
    public void UnknownPresetListsTheValidOnes()
    {
        var result = CliRunner.Run("tokenizer", "train", "--preset", "huge");
        result.FailedWith("--preset: unknown value 'huge'; expected one of tiny, small, paper");
        CliRunner.Run("tokenizer", "train", "--quantizer", "rq").FailedWith("expected one of vq, hrq");
    }

    [Fact]
    public void DirectoryGivenAsCorpusFileSaysSo()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenizer", "train", CliRunner.Data("genomes"), "-o", temp.File("run"))
            .FailedWith($"<corpus>: '{CliRunner.Data("genomes")}' is a directory; expected a FASTA, GenBank or FASTQ file");
        CliRunner.Run("tokenizer", "train", "--manifest", temp.Path, "-o", temp.File("run")).FailedWith("--manifest: '" + temp.Path + "' is a directory");
    }

    [Fact]
    public void WindowLongerThanTheHeldOutPartSaysTheMinimumRecordLength()
    {
        // Issue 7, defect 8: "no held-out part" did not say how long the corpus must be.
        using var temp = new TempFolder();
        CliRunner.Run("tokenizer", "train", CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz"), "--steps", "1", "--window", "4096", "-o", temp.File("run"))
            .FailedWith("no held-out part of the corpus is as long as the window (4096 bp): the held-out part is the last 5% of each record, " +
                "so a window of 4096 bp needs a record of at least 81,918 bp; the longest record has 48,502 bp");
    }

    [Fact]
    public void OutputFolderThatIsAFileSaysSo()
    {
        CliRunner.Run("tokenizer", "train", "-o", TrainedTokenizer.Genome).FailedWith("--output: '" + TrainedTokenizer.Genome + "' is a file; expected a folder");
    }
}
