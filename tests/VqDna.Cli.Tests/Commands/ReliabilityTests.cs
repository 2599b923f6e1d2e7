using System.Diagnostics;
using System.Text;

namespace VqDna.Cli.Tests.Commands;

/// <summary>Issue 19 as a user meets it: outputs that would destroy a model, closed pipes, absurd sizes, unclear errors.</summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed class ReliabilityTests(TrainedTokenizer tokenizer)
{
    [Fact]
    public void ExportIntoTheModelItReadsIsRefusedAndTheWeightsSurvive()
    {
        // `vqdna export --onnx tok -o tok/model.safetensors` exited 0 and wrote ONNX bytes over the weights.
        var weights = Path.Combine(tokenizer.Path, "model.safetensors");
        var before = File.ReadAllBytes(weights);
        CliRunner.Run("export", "--onnx", tokenizer.Path, "-o", weights).FailedWith("is inside --onnx");
        CliRunner.Run("export", "--onnx", tokenizer.Path, "-o", Path.Combine(tokenizer.Path, "config.onnx")).FailedWith("is inside --onnx");
        Assert.Equal(before, File.ReadAllBytes(weights));
        Assert.False(File.Exists(Path.Combine(tokenizer.Path, "config.onnx")));
    }

    [Fact]
    public void TheFoldersOwnExportMayBeWrittenInsideIt()
    {
        // The README says the engines use DIR/model.onnx when it is up to date; the output guard refused to write it there.
        using var temp = new TempFolder();
        var folder = temp.File("tok");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(tokenizer.Path)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var weights = File.ReadAllBytes(Path.Combine(folder, "model.safetensors"));

        CliRunner.Run("export", "--onnx", folder, "-o", Path.Combine(folder, "model.onnx")).Succeeded();
        Assert.True(new FileInfo(Path.Combine(folder, "model.onnx")).Length > 0);
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        // Only that one name, directly inside: deeper is still writing into an input folder.
        CliRunner.Run("export", "--onnx", folder, "-o", Path.Combine(folder, "sub", "model.onnx")).FailedWith("is inside --onnx");
    }

    [Fact]
    public void PretrainIntoTheTokenizerFolderIsRefused()
    {
        // `pretrain … -o TOKENIZER_DIR` replaced the learned tokenizer's model.safetensors.
        using var temp = new TempFolder();
        File.CreateSymbolicLink(temp.File("alias"), tokenizer.Path);
        CliRunner.Run("pretrain", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", tokenizer.Path, "--steps", "1").FailedWith("is the same folder as --tokenizer");
        CliRunner.Run("pretrain", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", temp.File("alias"), "--steps", "1").FailedWith("is the same folder as --tokenizer");
    }

    [Fact]
    public void AFinishedModelFolderIsNotReplacedWithoutOverwrite()
    {
        using var temp = new TempFolder();
        var folder = temp.File("other");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        CliRunner.Run("tokenizer", "train", TrainedTokenizer.Genome, "--steps", "1", "-o", folder).FailedWith("already holds a model (config.json)");
        Assert.Equal("{}", File.ReadAllText(Path.Combine(folder, "config.json")));
    }

    [Fact]
    public void ADanglingLinkAsOutputIsRefusedAndMakesNoFolders()
    {
        using var temp = new TempFolder();
        var target = temp.File("nonexistent/dir/codes.tsv");
        File.CreateSymbolicLink(temp.File("codes.tsv"), target);
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).FailedWith("which does not exist");
        Assert.False(Directory.Exists(temp.File("nonexistent")));
    }

    [Fact]
    public async Task AClosedPipeStopsTokenizeWithAFailure()
    {
        // `vqdna tokenize big.fa -t tok -o - | head -c 100` tokenized everything into the closed pipe and exited 0.
        using var temp = new TempFolder();
        var input = temp.File("many.fa");
        File.WriteAllText(input, ManyRecords(2_000));
        var start = new ProcessStartInfo("bash", ["-c", $"set -o pipefail; dotnet '{CliRunner.Dll}' tokenize '{input}' -t '{tokenizer.Path}' -o - | head -c 100 > /dev/null"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["VQDNA_HOME"] = CliRunner.Root;
        start.Environment["VQDNA_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "tokenize kept running after its reader closed the pipe");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("standard output was closed", await stderr);
    }

    [Fact]
    public void AnOptionThatDoesNotParsePrintsOneLineAndAHintOnStderr()
    {
        var result = CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", "-", "--window", "lots").FailedWith("lots");
        Assert.Equal("", result.Stdout);
        Assert.Contains("vqdna tokenize --help", result.Stderr);
        Assert.True(result.Stderr.Trim().Split('\n').Length <= 2, result.Stderr);
    }

    [Theory]
    // Issue 19: range errors the library found surfaced as "PretrainSteps must be at least 4 (Parameter 'PretrainSteps')",
    // "BatchSize must be at most …" or (analyze) after earlier variants had trained; none printed the usage hint or exited 2.
    [InlineData("bench --tasks {task} --seeds 0", "--seeds must be positive, got 0", "vqdna bench")]
    [InlineData("bench --tasks {task} --batch 1000000000", "--batch must be at most 65,536, got 1000000000", "vqdna bench")]
    [InlineData("bench --tasks {task} --window 2000000", "--window must be at most 1,048,576, got 2000000", "vqdna bench")]
    [InlineData("quickstart --pretrain-steps 2", "--pretrain-steps must be at least 4, got 2", "vqdna quickstart")]
    [InlineData("quickstart --seeds 0", "--seeds must be positive, got 0", "vqdna quickstart")]
    [InlineData("analyze efficiency --codebook-sizes 512 1", "--codebook-sizes must be at least 2, got 1", "vqdna analyze efficiency")]
    [InlineData("analyze efficiency --codebook-sizes 100000000", "--codebook-sizes must be at most 65,536, got 100000000", "vqdna analyze efficiency")]
    [InlineData("analyze efficiency --code-dims 100000000", "--code-dims must be at most 12,288, got 100000000", "vqdna analyze efficiency")]
    public void RangeErrorsNameTheOptionOnOneLineWithTheUsageHint(string commandLine, string message, string usage)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("task"));
        var args = commandLine.Replace("{task}", temp.File("task"), StringComparison.Ordinal).Split(' ');
        CliRunner.Run([.. args, "-o", temp.File("out")]).PlainText().UsageError(message, usage);
        Assert.False(Directory.Exists(temp.File("out")), "nothing is written before the options are checked");
    }

    [Theory]
    [InlineData("all-n.fa", "holds no A, C, G or T")]
    [InlineData("empty.fa.gz", "the file is empty (0 bytes) but its name ends in .gz")]
    public void ABadCorpusIsOneErrorNamingTheFileBeforeTraining(string name, string message)
    {
        // Issue 19: an all-N corpus trained to "100% acc"; a 0-byte .gz was read as empty.
        using var temp = new TempFolder();
        var path = temp.File(name);
        File.WriteAllText(path, name.EndsWith(".gz", StringComparison.Ordinal) ? "" : ">n\n" + new string('N', 2000) + "\n");
        foreach (var verb in new[] { new[] { "tokenizer", "train" }, ["pretrain"] })
        {
            var result = CliRunner.Run([.. verb, path, "--steps", "2", "-o", temp.File("out")]).PlainText().FailedWith(message);
            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(path, result.Stderr);
            Assert.False(Directory.Exists(temp.File("out")));
        }
    }

    [Theory]
    [InlineData("--batch", "1000000000", "--batch must be at most 65,536, got 1000000000")]
    [InlineData("--window", "1000000000", "--window must be at most 1,048,576, got 1000000000")]
    public void AbsurdSizesAreRefusedBeforeTraining(string option, string value, string message)
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenizer", "train", TrainedTokenizer.Genome, "--steps", "1", option, value, "-o", temp.File("t")).FailedWith(message);
        CliRunner.Run("pretrain", TrainedTokenizer.Genome, "--steps", "1", option, value, "-o", temp.File("p")).FailedWith(message);
        Assert.False(Directory.Exists(temp.File("t")));
    }

    [Fact]
    public void ABatchThatDoesNotFitInMemoryIsRefusedWithTheEstimate()
    {
        using var temp = new TempFolder();
        CliRunner.Run("pretrain", TrainedTokenizer.Genome, "--preset", "base", "--window", "65536", "--batch", "64", "--steps", "1", "-o", temp.File("p"))
            .FailedWith("of memory, and");
        CliRunner.Run("tokenize", TrainedTokenizer.Genome, "-t", tokenizer.Path, "-o", "-", "--window", "1000000000").FailedWith("--window must be at most 1,048,576");
    }

    [Fact]
    public void AnAbsurdLoRARankIsRefused()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("task"));
        Directory.CreateDirectory(temp.File("model"));
        CliRunner.Run("finetune", temp.File("task"), "-m", temp.File("model"), "-o", temp.File("out"), "--lora-r", "100000")
            .FailedWith("--lora-r LoRA rank must be at most 1024, got 100000");
    }

    [Fact]
    public Task ASigtermDuringTokenizeLeavesNoTemporaryFile() => SignalDuringTokenizeLeavesNoTemporaryFile("TERM");

    [SigintFact]
    public Task ASigintDuringTokenizeLeavesNoTemporaryFile() => SignalDuringTokenizeLeavesNoTemporaryFile("INT");

    private async Task SignalDuringTokenizeLeavesNoTemporaryFile(string signal)
    {
        // Issue 19: SIGINT or SIGTERM during `tokenize` left a 0-byte NAME.tmp-PID (no finally block runs then).
        // 20,000 records: with 2,000 the run could finish between the temporary file appearing and the signal arriving.
        using var temp = new TempFolder();
        var input = temp.File("many.fa");
        File.WriteAllText(input, ManyRecords(20_000));
        var start = new ProcessStartInfo("dotnet", [CliRunner.Dll, "tokenize", input, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["VQDNA_HOME"] = CliRunner.Root;
        start.Environment["VQDNA_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        while (Directory.GetFiles(temp.Path, "codes.tsv.tmp-*").Length == 0 && !process.HasExited) await Task.Delay(50);
        Assert.False(process.HasExited, "tokenize finished before the signal could be sent");
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
        await process.WaitForExitAsync();
        await drain;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*"));
        Assert.False(File.Exists(temp.File("codes.tsv")));
    }

    /// <summary>A FASTA of <paramref name="count"/> random 100-nt records.</summary>
    private static string ManyRecords(int count)
    {
        var text = new StringBuilder();
        var random = new Random(1);
        for (int r = 0; r < count; r++)
        {
            text.Append(">r").Append(r).Append('\n');
            for (int i = 0; i < 100; i++) text.Append("ACGT"[random.Next(4)]);
            text.Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void ManyTinyRecordsPrintNoLinePerRecord()
    {
        // Issue 19: 200,000 tiny records printed 5 MB of per-record progress.
        using var temp = new TempFolder();
        var input = temp.File("many.fa");
        File.WriteAllText(input, ManyRecords(60));
        var result = CliRunner.Run("tokenize", input, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        Assert.Contains("r19:", result.Stdout);
        Assert.DoesNotContain("r20:", result.Stdout);
        Assert.DoesNotContain("r59:", result.Stdout);
        Assert.Contains("tokenized 60 record(s)", result.Stdout);
    }
}
