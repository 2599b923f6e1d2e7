namespace VqDna.Cli.Tests.Commands;

/// <summary>
/// Issue 20: `finetune TASK -m TOKENIZER_DIR` failed with a JSON mapping error about 'width'; a tokenizer folder given
/// where a model is expected now says what it is and that `pretrain` comes first, on every verb that takes a model.
/// </summary>
[Collection(TrainedTokenizerCollection.Name)]
public sealed class TokenizerAsModelTests(TrainedTokenizer tokenizer)
{
    [Fact]
    public void ATokenizerFolderGivenAsAModelSaysToPretrainFirst()
    {
        using var temp = new TempFolder();
        var task = LanguageModelTask.Write(temp.File("task"));
        CliRunner.Run("finetune", task, "-m", tokenizer.Path, "-o", temp.File("out"), "--epochs", "1")
            .FailedWith("is a tokenizer folder (from `vqdna tokenizer train`), not a model: pre-train a model over it first");
        CliRunner.Run("predict", Path.Combine(task, "test.csv"), "-m", tokenizer.Path, "-o", temp.File("p.csv")).FailedWith("vqdna pretrain");
        CliRunner.Run("embed", Path.Combine(task, "test.csv"), "-m", tokenizer.Path, "-o", temp.File("e.npy")).FailedWith("vqdna pretrain");
    }
}
