using VqDna.IO;

namespace VqDna.Tests.IO;

/// <summary>The one output check every writing command makes (issue 19: outputs that destroy a model).</summary>
public sealed class OutputGuardTests
{
    [Fact]
    public void AFileInsideAFolderTheCommandReadsIsRefusedThroughLinks()
    {
        // `export --onnx tok -o tok/model.safetensors` wrote ONNX bytes over the tokenizer's weights.
        using var temp = RepoData.NewTempFolder();
        var model = temp.File("tok");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "model.safetensors"), "weights");
        Directory.CreateSymbolicLink(temp.File("alias"), model);

        foreach (var output in new[] { Path.Combine(model, "model.safetensors"), Path.Combine(temp.File("alias"), "new.onnx"), Path.Combine(model, "sub", "x.csv") })
        {
            var error = Assert.Throws<UnsafeOutputException>(() => OutputGuard.File("--output", output, new ReadPath("--onnx", model)));
            Assert.Contains("inside --onnx", error.Message);
        }
        OutputGuard.File("--output", temp.File("model.onnx"), new ReadPath("--onnx", model));
        OutputGuard.File("--output", "-", new ReadPath("--onnx", model));
        Assert.Equal("weights", File.ReadAllText(Path.Combine(model, "model.safetensors")));
    }

    [Fact]
    public void OnlyTheFoldersDerivedFileMayBeWrittenInsideIt()
    {
        using var temp = RepoData.NewTempFolder();
        var model = temp.File("tok");
        Directory.CreateDirectory(model);
        Directory.CreateSymbolicLink(temp.File("alias"), model);
        var read = new ReadPath("--onnx", model, Derived: "model.onnx");

        OutputGuard.File("--output", Path.Combine(model, "model.onnx"), read);
        OutputGuard.File("--output", Path.Combine(temp.File("alias"), "model.onnx"), read);
        foreach (var output in new[] { Path.Combine(model, "model.safetensors"), Path.Combine(model, "sub", "model.onnx") })
            Assert.Contains("inside --onnx", Assert.Throws<UnsafeOutputException>(() => OutputGuard.File("--output", output, read)).Message);
        Assert.Contains("same folder", Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("--output", model, false, false, read)).Message);
    }

    [Fact]
    public void TheSameFileIsRefusedByHardLink()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("in.fa"), ">a\nACGT\n");
        System.Diagnostics.Process.Start("ln", [temp.File("in.fa"), temp.File("hard.tsv")])!.WaitForExit();
        var error = Assert.Throws<UnsafeOutputException>(() => OutputGuard.File("--output", temp.File("hard.tsv"), new ReadPath("<input>", temp.File("in.fa"))));
        Assert.Contains("is the same file as <input>", error.Message);
    }

    [Fact]
    public void ADanglingLinkIsRefusedAndCreatesNothing()
    {
        // Issue 19, class 5: a dangling link given as -o made the directories of its target and wrote there.
        using var temp = RepoData.NewTempFolder();
        var target = temp.File(Path.Combine("nonexistent", "dir", "out.tsv"));
        File.CreateSymbolicLink(temp.File("link.tsv"), target);
        var error = Assert.Throws<UnsafeOutputException>(() => OutputGuard.File("--output", temp.File("link.tsv")));
        Assert.Contains("does not exist", error.Message);
        Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("--output", temp.File("link.tsv"), model: true, overwrite: false));
        Assert.Throws<IOException>(() => VqDna.Torch.Serialization.OutputTarget.Resolve(temp.File("link.tsv")));
        Assert.False(Directory.Exists(temp.File("nonexistent")));
    }

    [Fact]
    public void ADirectoryIsNotAFileAndAFileIsNotAFolder()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("f"), "x");
        Assert.Contains("is a directory", Assert.Throws<UnsafeOutputException>(() => OutputGuard.File("-o", temp.Path)).Message);
        Assert.Contains("is a file", Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("-o", temp.File("f"), model: false, overwrite: false)).Message);
    }

    [Fact]
    public void AFolderOutputThatIsAnInputFolderIsRefused()
    {
        // `pretrain -t TOKENIZER_DIR -o TOKENIZER_DIR` replaced the learned tokenizer's weights.
        using var temp = RepoData.NewTempFolder();
        var tokenizer = temp.File("tok");
        Directory.CreateDirectory(tokenizer);
        var error = Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("--output", tokenizer + "/", model: true, overwrite: true, new ReadPath("--tokenizer", tokenizer)));
        Assert.Contains("is the same folder as --tokenizer", error.Message);
        Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("--output", Path.Combine(tokenizer, "run"), model: true, overwrite: true, new ReadPath("--tokenizer", tokenizer)));
    }

    [Fact]
    public void AFinishedModelFolderNeedsOverwriteUnlessItHoldsACheckpoint()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = temp.File("run");
        Directory.CreateDirectory(folder);
        OutputGuard.Folder("--output", folder, model: true, overwrite: false);          // empty: fine
        File.WriteAllText(Path.Combine(folder, "model.safetensors"), "w");
        var error = Assert.Throws<UnsafeOutputException>(() => OutputGuard.Folder("--output", folder, model: true, overwrite: false));
        Assert.Contains("--overwrite", error.Message);
        OutputGuard.Folder("--output", folder, model: true, overwrite: true);
        OutputGuard.Folder("--output", folder, model: false, overwrite: false);
        File.WriteAllText(Path.Combine(folder, OutputGuard.ResumeFile), "c");
        OutputGuard.Folder("--output", folder, model: true, overwrite: false);           // a run to resume
    }
}
