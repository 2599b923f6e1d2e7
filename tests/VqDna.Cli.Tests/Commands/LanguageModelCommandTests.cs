using System.Globalization;
using System.Text.Json;

namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna pretrain`, `finetune` and `predict` end to end at a toy budget, and their option errors.</summary>
public sealed class LanguageModelCommandTests
{
    /// <summary>A GUE folder of real sequence: 150-bp windows of two embedded bacteria, labelled by species.</summary>
    private static string WriteTask(string folder)
    {
        Directory.CreateDirectory(folder);
        var genomes = new[] { ("hpylori", "genomes/hpylori_G27_200kb.fa.gz"), ("saureus", "genomes/saureus_N315_200kb.fa.gz") };
        var sequences = genomes.Select(g => VqDna.Sequences.Readers.SequenceFile.Read(CliRunner.Data(g.Item2)).First().Sequence).ToList();
        var random = new Random(2);
        foreach (var (split, count, from) in new[] { ("train", 32, 0), ("dev", 8, 100_000), ("test", 8, 150_000) })
        {
            var lines = new List<string> { "sequence,label" };
            for (int i = 0; i < count; i++)
                for (int g = 0; g < 2; g++) lines.Add($"{sequences[g].Substring(from + random.Next(40_000), 150)},{genomes[g].Item1}");
            File.WriteAllLines(Path.Combine(folder, split + ".csv"), lines);
        }
        return folder;
    }

    [Fact]
    public void PretrainFinetuneAndPredictRunAsTheReadmeShows()
    {
        using var temp = new TempFolder();
        var task = WriteTask(temp.File("task"));
        var pretrained = temp.File("pretrained");
        CliRunner.Run("pretrain", CliRunner.Data("genomes/phage_lambda_NC_001416.fa.gz"), "-t", "6mer", "--steps", "6", "--window", "128",
            "--batch", "4", "--eval-every", "3", "-o", pretrained).Succeeded();
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "run.json", "metrics.jsonl" })
            Assert.True(File.Exists(Path.Combine(pretrained, file)), $"{file} missing");

        var tuned = temp.File("tuned");
        var result = CliRunner.Run("finetune", task, "--model", pretrained, "-o", tuned, "--epochs", "1", "--batch", "16").Succeeded().PlainText();
        Assert.Contains("train hpylori 32, saureus 32", result.Stdout);
        // The k-mer baseline on the same test split, and whether the model beat it (issue 16).
        Assert.Matches(@"kmer-lr baseline \(k \d, weight decay [0-9.]+\) on the same test split: MCC -?\d\.\d{3}; this model -?\d\.\d{3}, (wins|loses) by \d\.\d{3}", result.Stdout);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(tuned, "metrics.json"))))
            Assert.InRange(metrics.RootElement.GetProperty("test").GetProperty("accuracy").GetDouble(), 0, 1);
        // The default recipe is full fine-tuning (issue 16): a plain model folder, no adapter.
        Assert.True(File.Exists(Path.Combine(tuned, "model.safetensors")));
        Assert.False(File.Exists(Path.Combine(tuned, "adapter_model.safetensors")));
        Assert.Contains("full fine-tuning", File.ReadAllText(Path.Combine(tuned, "README.md")));

        var predictions = temp.File("predictions.csv");
        CliRunner.Run("predict", Path.Combine(task, "test.csv"), "--model", tuned, "-o", predictions).Succeeded();
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("id,predicted,p_hpylori,p_saureus", lines[0]);
        Assert.Equal(17, lines.Length);
        var p = lines[1].Split(',');
        Assert.Equal(1.0, double.Parse(p[2], CultureInfo.InvariantCulture) + double.Parse(p[3], CultureInfo.InvariantCulture), 4);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--lr", "NaN", "--lr")]
    [InlineData("--tokenizer", "kmer9", "k must be 3 to 6")]
    [InlineData("--mask-rate", "1.5", "--mask-rate")]
    public void PretrainOptionErrorsNameTheOption(string option, string value, string message)
    {
        using var temp = new TempFolder();
        CliRunner.Run("pretrain", option, value, "-o", temp.File("out")).FailedWith(message);
    }

    [Fact]
    public void TwoBudgetsAreRefused()
    {
        using var temp = new TempFolder();
        CliRunner.Run("pretrain", "--steps", "5", "--minutes", "1", "-o", temp.File("out")).FailedWith("give one budget");
    }
}
