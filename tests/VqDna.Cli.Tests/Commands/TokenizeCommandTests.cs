using VqDna.IO;

namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna tokenize` and `vqdna detokenize` end to end, as the README shows them, and their streams (issue 7, defects 1 and 2).</summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed class TokenizeCommandTests(TrainedTokenizer tokenizer)
{
    private static readonly string Genome = TrainedTokenizer.Genome;

    [Fact]
    public void TokenizeExitsZeroAndWritesOneCodeRowPerRecord()
    {
        // Issue 7, defect 1: a complete, correct run exited 1 with "Cannot access a closed file".
        using var temp = new TempFolder();
        var codes = temp.File("codes.tsv");
        var result = CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", codes).Succeeded().PlainText();
        Assert.Equal("", result.Stderr);
        Assert.Contains($"tokenized 1 record(s), 48,502 nt", result.Stdout);
        var record = Assert.Single(CodesFile.Read(codes));
        Assert.Equal("NC_001416.1", record.Id);
        Assert.Equal(2, record.Levels.Length);
        Assert.All(record.Levels, level => Assert.Equal(48_502, level.Length));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*"));
    }

    [Fact]
    public void JsonLinesHoldTheSameCodesAsTsv()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.jsonl")).Succeeded();
        var tsv = Assert.Single(CodesFile.Read(temp.File("codes.tsv")));
        var jsonl = Assert.Single(CodesFile.Read(temp.File("codes.jsonl")));
        Assert.Equal(tsv.Levels, jsonl.Levels);
    }

    [Fact]
    public void BothEnginesWriteTheSameCodes()
    {
        // --engine onnx (the default) exports the folder in memory; torch runs the training modules. A small window and
        // batch on one side only: codes depend neither on the engine nor on the windows, near-ties aside (distances
        // equal within float32 rounding, which libtorch re-decides in float64: 1 of 48,502 here), ≤ 0.01% (issue 9).
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("onnx.tsv"), "--engine", "onnx", "--window", "500", "--batch", "3").Succeeded();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("torch.tsv"), "--engine", "torch").Succeeded();
        var torchCodes = Assert.Single(CodesFile.Read(temp.File("torch.tsv"))).Levels;
        var onnxCodes = Assert.Single(CodesFile.Read(temp.File("onnx.tsv"))).Levels;
        for (int level = 0; level < torchCodes.Length; level++)
        {
            var differ = Enumerable.Range(0, torchCodes[level].Length).Where(i => torchCodes[level][i] != onnxCodes[level][i]).ToList();
            Assert.True(differ.Count <= torchCodes[level].Length / 10_000, $"level {level + 1}: {differ.Count} codes differ, first at {string.Join(", ", differ.Take(5).Select(i => $"{i}: {torchCodes[level][i]}/{onnxCodes[level][i]}"))}");
        }
        Assert.False(File.Exists(Path.Combine(tokenizer.Path, "model.onnx")));                 // nothing written beside the user's files
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("x.tsv"), "--engine", "tensorrt")
            .FailedWith("--engine: unknown value 'tensorrt'; expected one of torch, onnx");
    }

    [Fact]
    public void EmbeddingsGoToSafetensorsAndNpy()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv"), "--embeddings", temp.File("e.safetensors")).Succeeded();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes2.tsv"), "--embeddings", temp.File("e.npy")).Succeeded();
        // The safetensors header: an 8-byte length, then JSON naming each tensor's dtype and shape.
        var bytes = File.ReadAllBytes(temp.File("e.safetensors"));
        var header = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(8, (int)BitConverter.ToUInt64(bytes, 0)));
        var tensor = header.RootElement.GetProperty("NC_001416.1");
        Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
        Assert.Equal([48_502, 16], tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));   // the tiny preset's code dimension
        // .npy: 48,502 × 16 float32 after a 64-aligned header.
        Assert.Equal(48_502L * 16 * 4, new FileInfo(temp.File("e.npy")).Length - 128);
    }

    [Fact]
    public void DetokenizeRebuildsTheSequenceAndReportsAccuracy()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        var result = CliRunner.Run("detokenize", temp.File("codes.tsv"), "-t", tokenizer.Path, "-o", temp.File("back.fa"), "--reference", Genome)
            .Succeeded().PlainText();
        Assert.Contains("reconstruction accuracy:", result.Stdout);
        Assert.Contains("over 48,502 known nt", result.Stdout);
        var lines = File.ReadAllLines(temp.File("back.fa"));
        Assert.Equal(">NC_001416.1", lines[0]);
        Assert.Equal(48_502, lines.Skip(1).Sum(l => l.Length));
        Assert.All(lines.Skip(1), l => Assert.Matches("^[ACGTN]{1,80}$", l));
    }

    [Fact]
    public void CodesOnStandardOutputAreTheFileAndNothingElse()
    {
        // Issue 7, defect 2: data on stdout must stay clean of progress lines; the summary goes to stderr.
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        var result = CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", "-").Succeeded().PlainText();
        Assert.Equal(File.ReadAllText(temp.File("codes.tsv")), result.Stdout);
        Assert.Contains("tokenized 1 record(s)", result.Stderr);
        Assert.Contains("standard output", result.Stderr);
    }

    [Fact]
    public void JsonLinesOnStandardOutputWithFormat()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.jsonl")).Succeeded();
        var result = CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", "-", "--format", "jsonl").Succeeded();
        Assert.Equal(File.ReadAllText(temp.File("codes.jsonl")), result.Stdout);
    }

    [Fact]
    public void DetokenizeReadsCodesFromStandardInputAndWritesFastaToStandardOutput()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.tsv")).Succeeded();
        CliRunner.Run("detokenize", temp.File("codes.tsv"), "-t", tokenizer.Path, "-o", temp.File("back.fa")).Succeeded();
        var result = CliRunner.Run(["detokenize", "-", "-t", tokenizer.Path, "-o", "-", "--reference", Genome], stdin: File.ReadAllText(temp.File("codes.tsv")))
            .Succeeded().PlainText();
        Assert.Equal(File.ReadAllText(temp.File("back.fa")), result.Stdout);
        Assert.Contains("reconstruction accuracy:", result.Stderr);
    }

    [Fact]
    public void OutputThatIsADirectorySaysSo()
    {
        // Issue 7, defect 1: the closed-file error hid this one.
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.Path).FailedWith($"--output: '{temp.Path}' is a directory");
        CliRunner.Run("detokenize", temp.File("x.tsv"), "-t", tokenizer.Path, "-o", temp.File("y.fa")).FailedWith("does not exist");
    }

    [Fact]
    public void InputThatIsADirectorySaysSo()
    {
        CliRunner.Run("tokenize", CliRunner.Data("genomes"), "-t", tokenizer.Path, "-o", "x.tsv").FailedWith("is a directory; expected a FASTA");
        CliRunner.Run("tokenize", Genome, "-t", Genome, "-o", "x.tsv").FailedWith("--tokenizer: '" + Genome + "' is a file; expected a tokenizer folder");
        using var temp = new TempFolder();
        CliRunner.Run("detokenize", temp.Path, "-t", tokenizer.Path, "-o", temp.File("y.fa")).FailedWith("is a directory; expected a codes file");
    }

    [Fact]
    public void UnknownCodesExtensionNamesTheOption()
    {
        using var temp = new TempFolder();
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", temp.File("codes.txt")).FailedWith("--output: '" + temp.File("codes.txt") + "' must end in .tsv or .jsonl");
    }

    [Fact]
    public void ErrorsGoToStandardErrorWithoutColourAndLongPathsAreNotWrapped()
    {
        // Issue 7, defect 2: errors went to stdout, with ANSI colours, wrapped at 80 columns.
        using var temp = new TempFolder();
        var deep = Path.Combine(temp.Path, new string('d', 60), new string('e', 60));
        Directory.CreateDirectory(deep);
        CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", deep).PlainText()
            .UsageError($"error: --output: '{deep}' is a directory; expected a file to write (or - for standard output)", "vqdna tokenize");

        var codes = Path.Combine(deep, "codes.tsv");
        var ok = CliRunner.Run("tokenize", Genome, "-t", tokenizer.Path, "-o", codes).Succeeded().PlainText();
        Assert.Contains(codes, ok.Stdout.Split('\n').Single(l => l.StartsWith("tokenized", StringComparison.Ordinal)));
    }
}
