namespace VqDna.Cli.Tests.Commands;

/// <summary>`vqdna export --onnx` as the README shows it, and its refusals.</summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed class ExportCommandTests(TrainedTokenizer tokenizer)
{
    [Fact]
    public void ExportsALearnedTokenizerAndNamesItsInputsAndOutputs()
    {
        using var temp = new TempFolder();
        var onnx = temp.File("tokenizer.onnx");
        var result = CliRunner.Run("export", "--onnx", tokenizer.Path, "-o", onnx).Succeeded().PlainText();
        Assert.Equal("", result.Stderr);
        Assert.Contains($"exported the tokenizer in {tokenizer.Path} → {onnx}", result.Stdout);
        Assert.Contains("opset 17", result.Stdout);
        Assert.Contains("inputs:  nucleotides", result.Stdout);
        Assert.Contains("outputs: codes_level1, margin_level1, near_tie_level1, codes_level2, margin_level2, near_tie_level2, embedding", result.Stdout);
        var bytes = File.ReadAllBytes(onnx);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal(0x08, bytes[0]);                                                       // protobuf field 1 (ir_version), varint: a ModelProto
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*"));
    }

    [Fact]
    public void AFolderOfAnotherKindIsAnErrorNamingIt()
    {
        using var temp = new TempFolder();
        var folder = temp.File("notamodel");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "hello");
        CliRunner.Run("export", "--onnx", folder, "-o", temp.File("x.onnx"))
            .FailedWith($"'{folder}' is neither a learned tokenizer folder");
        CliRunner.Run("export", "--onnx", temp.File("missing"), "-o", temp.File("x.onnx"))
            .FailedWith($"--onnx: '{temp.File("missing")}' does not exist");
        Assert.False(File.Exists(temp.File("x.onnx")));
    }
}
