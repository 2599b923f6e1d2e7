using System.Text.Json;

namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna baseline`.</summary>
public sealed class BaselineCommandTests
{
    [Fact]
    public void FitsTheKmerBaselineIntoItsFolderAsPlainText()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        var output = temp.File("baselines");
        var result = CliRunner.Run("baseline", task, "-o", output, "--kind", "kmer-lr").Succeeded().PlainText();
        Assert.Contains("kmer-lr k 3: dev MCC", result.Stdout);
        Assert.Matches(@"kmer-lr\s+│ k \d, weight decay", result.Stdout);
        Assert.Contains($"next: vqdna predict INPUT --model {Path.Combine(output, "kmer-lr")} -o predictions.csv", result.Stdout);
        Assert.Equal("", result.Stderr);
        var folder = Path.Combine(output, "kmer-lr");
        foreach (var file in new[] { "metrics.json", "labels.json", "config.json", "model.safetensors", "run.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        Assert.InRange(metrics.RootElement.GetProperty("test").GetProperty("mcc").GetDouble(), -1, 1);
        Assert.Equal("kmer-lr", metrics.RootElement.GetProperty("baseline").GetString());
    }

    [Fact]
    public void UnknownKindAndAnOutputInsideTheTaskAreRefused()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        CliRunner.Run("baseline", task, "-o", temp.File("out"), "--kind", "svm").FailedWith("--kind: unknown baseline 'svm'; expected one of kmer-lr, cnn");
        CliRunner.Run("baseline", task, "-o", Path.Combine(task, "out")).FailedWith("which this command reads");
        Assert.False(Directory.Exists(Path.Combine(task, "out")));
    }

    [Fact]
    public void MaxTrainFitsOnTheSameSubsetAsFinetuneAndRefusesANegativeCount()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        var output = temp.File("baselines");
        CliRunner.Run("baseline", task, "-o", output, "--kind", "kmer-lr", "--max-train", "12").Succeeded();
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "kmer-lr", "run.json")));
        Assert.Equal(12, run.RootElement.GetProperty("settings").GetProperty("max_train_examples").GetInt32());
        CliRunner.Run("baseline", task, "-o", temp.File("other"), "--max-train", "-3").FailedWith("--max-train");
    }

    [Fact]
    public void MaxDevChoosesOnThatManyDevRowsAndRefusesANegativeCount()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));                 // 16 dev rows
        var output = temp.File("baselines");
        CliRunner.Run("baseline", task, "-o", output, "--kind", "kmer-lr", "--max-dev", "6").Succeeded();
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "kmer-lr", "metrics.json")));
        Assert.Equal(6, metrics.RootElement.GetProperty("dev").GetProperty("count").GetInt32());
        Assert.Equal(16, metrics.RootElement.GetProperty("test").GetProperty("count").GetInt32());
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "kmer-lr", "run.json")));
        Assert.Equal(6, run.RootElement.GetProperty("settings").GetProperty("max_dev_examples").GetInt32());
        CliRunner.Run("baseline", task, "-o", temp.File("other"), "--max-dev", "-1").FailedWith("--max-dev");
    }

    [Fact]
    public void TheCnnLeavesItsModelAndRemovesItsTrainingStateUnlessAskedToKeepIt()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        string[] state = ["checkpoint.safetensors", "best.safetensors", ".lock", ".lock-owner"];
        var removed = Path.Combine(temp.File("removed"), "cnn");
        CliRunner.Run("baseline", task, "-o", temp.File("removed"), "--kind", "cnn").Succeeded();
        Assert.True(File.Exists(Path.Combine(removed, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(removed, "metrics.json")));
        foreach (var file in state) Assert.False(File.Exists(Path.Combine(removed, file)), $"{file} left behind");
        var kept = Path.Combine(temp.File("kept"), "cnn");
        CliRunner.Run("baseline", task, "-o", temp.File("kept"), "--kind", "cnn", "--keep-checkpoints").Succeeded();
        Assert.True(File.Exists(Path.Combine(kept, "checkpoint.safetensors")));
        Assert.True(File.Exists(Path.Combine(kept, "best.safetensors")));
    }

    [Fact]
    public void TheFittedModelsPredictTheTestSplitAsTheyScoredItExportAndCannotBeFinetuned()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        var output = temp.File("baselines");
        CliRunner.Run("baseline", task, "-o", output, "--cnn-epochs", "2").Succeeded();
        foreach (var kind in new[] { "kmer-lr", "cnn" })
        {
            var folder = Path.Combine(output, kind);
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
            double mcc = metrics.RootElement.GetProperty("test").GetProperty("mcc").GetDouble();
            var predictions = temp.File($"{kind}.csv");
            var result = CliRunner.Run("predict", Path.Combine(task, "test.csv"), "-m", folder, "-o", predictions).Succeeded().PlainText();
            Assert.Contains(FormattableString.Invariant($"MCC {mcc:F4}"), result.Stdout);
            Assert.Equal("", result.Stderr);
            Assert.StartsWith("id,predicted,p_", File.ReadLines(predictions).First());
            Assert.Equal(17, File.ReadLines(predictions).Count());                 // 16 test rows and the header
            CliRunner.Run("embed", Path.Combine(task, "test.csv"), "-m", folder, "-o", temp.File($"{kind}.npy"))
                .FailedWith($"is a classical baseline ({kind}, from `vqdna baseline`)");
            var exported = CliRunner.Run("export", "--onnx", folder, "-o", temp.File($"{kind}.onnx")).Succeeded().PlainText();
            Assert.Contains($"exported the classical baseline in {folder}", exported.Stdout);
            Assert.Contains("inputs:  nucleotides, attention_mask", exported.Stdout);
        }
        CliRunner.Run("export", "--onnx", output, "-o", temp.File("parent.onnx")).FailedWith("is a `vqdna baseline` output folder, not a model");
        CliRunner.Run("predict", Path.Combine(task, "test.csv"), "-m", output, "-o", temp.File("parent.csv"))
            .FailedWith($"is a `vqdna baseline` output folder, not a model: give one of the models in it ({Path.Combine(output, "kmer-lr")}, {Path.Combine(output, "cnn")})");
    }

    [Fact]
    public void CnnEpochsSetsTheCnnsBudgetAndRefusesANonPositiveOne()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));                 // 64 training rows: one CNN step an epoch
        var output = temp.File("baselines");
        CliRunner.Run("baseline", task, "-o", output, "--kind", "cnn", "--cnn-epochs", "3").Succeeded();
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "cnn", "metrics.json")));
        Assert.EndsWith(" of 3", metrics.RootElement.GetProperty("chosen").GetString());
        CliRunner.Run("baseline", task, "-o", temp.File("other"), "--cnn-epochs", "0").FailedWith("--cnn-epochs");
        Assert.False(Directory.Exists(temp.File("other")));
    }
}
