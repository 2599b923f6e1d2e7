using System.Text.Json;
using VqDna.Cli.Commands;
using VqDna.Cli.Settings;
using VqDna.Inputs;
using VqDna.Torch.NN;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Cli.Tests.Settings;

/// <summary>
/// The settings records in-process (issue 17): a command line with no options binds to the library's defaults (each
/// defined once, in the config records), and a bad value is a usage error that names the option, raised by the
/// record's own validation before any work.
/// </summary>
public sealed class SettingsTests
{
    [Fact]
    public void FinetuneWithoutOptionsIsTheLibrarysDefaultRecipe()
    {
        var settings = new FinetuneCommand().BindArguments("task", "-m", "model", "-o", "out");
        Assert.Equal(Json(FinetuneConfig.Default()), Json(Explicit(settings.ToConfig())));
    }

    [Theory]
    [InlineData("lora")]
    [InlineData("probe")]
    public void EachFinetuneModeTakesTheLibrarysRateForIt(string mode)
    {
        var settings = new FinetuneCommand().BindArguments("task", "-m", "model", "-o", "out", "--mode", mode);
        Assert.Equal(Json(FinetuneConfig.Default(settings.Mode)), Json(Explicit(settings.ToConfig())));
        Assert.NotEqual(FinetuneConfig.DefaultMode, settings.Mode);
    }

    [Fact]
    public void PretrainWithoutOptionsIsTheLibrarysDefaultRun()
    {
        var config = new PretrainCommand().BindArguments().ToConfig();
        Assert.Equal(Json(PretrainingConfig.DefaultOptimization()), Json(config.Optimization));
        Assert.Equal(Json(new MaskingConfig()), Json(config.Masking));
        Assert.Equal(PretrainingConfig.DefaultWindow, config.WindowLength);
        Assert.Equal(PretrainingConfig.DefaultBatch, config.BatchSize);
        Assert.Equal(PretrainingConfig.DefaultEvalEvery, config.EvalEvery);
        Assert.Equal(VqDna.Models.Encoder.EncoderPreset.Tiny, config.Preset);
        Assert.Null(config.Minutes);
    }

    [Theory]
    [InlineData("--batch", "0", "--batch must be positive, got 0")]
    [InlineData("--mask-rate", "1.5", "--mask-rate must be a number in (0, 1), got 1.5")]
    [InlineData("--lr", "5", "--lr must be a finite number in (0, 1], got 5")]
    [InlineData("--window", "2000000000", "--window ")]
    public void ABadPretrainValueNamesItsOption(string option, string value, string expected)
    {
        var settings = new PretrainCommand().BindArguments(option, value, "--device", "cpu");
        var error = Assert.Throws<UsageException>(settings.Validate);
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void TwoPretrainBudgetsAreRefused()
    {
        var settings = new PretrainCommand().BindArguments("--steps", "10", "--minutes", "1", "--device", "cpu");
        Assert.Equal("give one budget: --steps, --nucleotides or --minutes", Assert.Throws<UsageException>(settings.Validate).Message);
    }

    [Fact]
    public void AFinetuneBatchTooLargeForTheLibraryNamesTheOption()
    {
        // The range lives in FinetuneConfig (the library); the settings turn its field name into the option's.
        var settings = new FinetuneCommand().BindArguments("task", "-m", "model", "-o", "out", "--batch", "1000000000");
        var error = Assert.Throws<UsageException>(() => settings.ToConfig());
        Assert.StartsWith("--batch ", error.Message);
        Assert.EndsWith("got 1000000000", error.Message);
        Assert.DoesNotContain("BatchSize", error.Message);
    }

    [Fact]
    public void AMissingTaskFolderIsNamedBeforeAnyWork()
    {
        var settings = new FinetuneCommand().BindArguments("no-such-task", "-m", "model", "-o", "out", "--device", "cpu");
        var error = Assert.Throws<UsageException>(settings.Validate);
        Assert.Equal("<task>: 'no-such-task' does not exist; expected a task folder with train.csv, test.csv and dev.csv (carved from train.csv when absent)", error.Message);
    }

    [Fact]
    public void TokenizerTrainingTakesTheCodeMaskRate()
    {
        Assert.Equal(0, new TokenizerTrainCommand().BindArguments().ToConfig().CodeMaskRate);
        Assert.Equal(0.25, new TokenizerTrainCommand().BindArguments("--code-mask-rate", "0.25").ToConfig().CodeMaskRate);
        var error = Assert.Throws<UsageException>(() => new TokenizerTrainCommand().BindArguments("--code-mask-rate", "1").ToConfig());
        Assert.Equal("--code-mask-rate must be in [0, 1), got 1", error.Message);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The CLI names the LoRA targets it was given; the library's default leaves them null, read as the same list.</summary>
    private static FinetuneConfig Explicit(FinetuneConfig config)
    {
        Assert.Equal(LoRAConfig.DefaultTargets, config.LoRA.Targets);
        return config with { LoRA = config.LoRA with { TargetModules = null } };
    }
}
