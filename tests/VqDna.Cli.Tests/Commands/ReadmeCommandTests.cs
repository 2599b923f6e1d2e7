using System.Text.RegularExpressions;

namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// The commands README.md shows, run as shown (at a tiny scale) through the ./vqdna launcher; and every verb of its
/// command table exists. `vqdna data fetch` downloads ~255 Mbp and is not run here (its option checks are).
/// </summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed partial class ReadmeCommandTests(TrainedTokenizer tokenizer)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(CliRunner.Root, "README.md"));

    [Fact]
    public void EveryVerbInTheCommandTableExists()
    {
        // The verb is the leading lower-case words: `vqdna tokenize in.fa …` is "tokenize".
        var verbs = CommandRow().Matches(Readme)
            .Select(m => string.Join(' ', m.Groups[1].Value.Split(' ').TakeWhile(w => Regex.IsMatch(w, "^[a-z][a-z-]*$"))))
            .Distinct().ToList();
        Assert.True(verbs.Count >= 6, $"found only {verbs.Count} commands in README.md's table");
        foreach (var verb in verbs)
        {
            var result = CliRunner.Run([.. verb.Split(' '), "--help"]).Succeeded();
            Assert.Contains("Usage:", result.Stdout);
        }
    }

    [Fact]
    public void MainJobThroughTheLauncher()
    {
        // README: `./vqdna quickstart`, the main job; here with a tiny budget and its own output folder, twice (the second reuses every stage).
        Assert.Contains("./vqdna quickstart", Readme);
        using var temp = new TempFolder();
        var output = temp.File("quickstart");
        string[] args = ["quickstart", "--tokenizer-steps", "4", "--pretrain-steps", "4", "--seeds", "1", "--epochs", "0.1", "-o", output];
        var first = CliRunner.Run(args, launcher: true).Succeeded().PlainText();
        Assert.Contains("[10/10] writing the report and its figures", first.Stdout);
        Assert.Contains($"open {Path.Combine(output, "report.md")} (scores, figures); next:", first.Stdout);
        Assert.True(File.Exists(Path.Combine(output, "figures", "test_mcc.png")));
        var second = CliRunner.Run(args, launcher: true).Succeeded().PlainText();
        Assert.Contains("(11 stage(s) reused; --force redoes them)", second.Stdout);
    }

    [Fact]
    public void TokenizerTrainThroughTheLauncher()
    {
        // README: `vqdna tokenizer train`; here with a tiny budget and its own output folder.
        Assert.Contains("vqdna tokenizer train", Readme);
        using var temp = new TempFolder();
        var output = temp.File("tokenizer");
        var result = CliRunner.Run(["tokenizer", "train", "--steps", "20", "--window", "64", "--batch", "4", "-o", output], launcher: true).Succeeded().PlainText();
        Assert.Contains("corpus: 310 records, 2.29 Mbp from 11 file(s)", result.Stdout);
        Assert.Contains("model: hrq, width 128, 4 blocks, codebooks 512+1024 × 64", result.Stdout);   // the default preset: small (issue 21)
        Assert.Contains("held-out evaluation", result.Stdout);
        Assert.Contains($"tokenizer written to {output} (config.json, model.safetensors, tokenizer.json)", result.Stdout);
    }

    [Fact]
    public void TokenizeThenDetokenizeAsShown()
    {
        // README: `vqdna tokenize in.fa -t runs/tokenizer -o codes.tsv [--embeddings e.safetensors]`, then
        // `vqdna detokenize codes.tsv -t runs/tokenizer -o back.fa [--reference in.fa]`, in a working folder.
        using var temp = new TempFolder();
        File.Copy(TrainedTokenizer.Genome, temp.File("in.fa.gz"));
        CliRunner.Run(["tokenize", "in.fa.gz", "-t", tokenizer.Path, "-o", "codes.tsv", "--embeddings", "e.safetensors"], workingDirectory: temp.Path, launcher: true).Succeeded();
        var result = CliRunner.Run(["detokenize", "codes.tsv", "-t", tokenizer.Path, "-o", "back.fa", "--reference", "in.fa.gz"], workingDirectory: temp.Path, launcher: true)
            .Succeeded();
        Assert.Contains("reconstruction accuracy:", result.Stdout);
        foreach (var file in new[] { "codes.tsv", "e.safetensors", "back.fa" }) Assert.True(File.Exists(temp.File(file)), file);
    }

    [Fact]
    public void InfoAsShown() => CliRunner.Run(["info", "--sgemm-size", "64"], launcher: true).Succeeded();

    /// <summary>A row of the command table: | `vqdna VERB [SUBVERB] …` |.</summary>
    [GeneratedRegex(@"^\| `vqdna ([^`]*)`", RegexOptions.Multiline)]
    private static partial Regex CommandRow();
}
