using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;
using VqDna.Reports.Charts;

namespace VqDna.Tests.Training;

[Collection("serial")]
public sealed class TokenizerTrainerTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"vqdna-trainer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>Real sequence: the SARS-CoV-2 reference genome from the embedded data.</summary>
    private static GenomeCorpus Corpus() => GenomeCorpus.Load([RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")]);

    private static TokenizerTrainingConfig Config(int steps = 24, ulong seed = 3) => new(
        VqTokenizerConfig.Tiny(levels: 2), new OptimizationConfig(Steps: steps, LearningRate: 2e-3, WarmupSteps: 4, CheckpointEvery: 5, Seed: seed),
        WindowLength: 64, BatchSize: 4, EvalBatches: 2);

    [Fact]
    public void TrainingWritesATokenizerFolderThatLoadsBack()
    {
        var directory = Path.Combine(root, "run");
        var evaluation = TokenizerTrainer.Train(Corpus(), Config(), directory);
        TrainingRunCharts.Tokenizer(directory, Config(), evaluation);            // the trainer draws nothing itself (issue 17)
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "metrics.jsonl", "run.json", "training.json",
                     "curves_loss.png", "curves_scores.svg", "curves_code_usage.png", "code_usage.png", "code_usage.svg" })
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} missing");
        Assert.Equal(24, File.ReadAllLines(Path.Combine(directory, "metrics.jsonl")).Length);
        Assert.InRange(evaluation.ReconstructionAccuracy, 0.0, 1.0);
        Assert.Equal([32, 64], evaluation.Levels.Select(l => l.CodebookSize));
        Assert.Equal([32, 64], evaluation.Counts.Select(c => c.Length));
        Assert.Equal(2 * evaluation.Bases, evaluation.Counts.Sum(c => c.Sum()));
        Assert.NotNull(evaluation.Context);                                   // code context over the same held-out windows
        Assert.Equal([32, 64], evaluation.Context.Levels.Select(l => l.CodebookSize));
        Assert.InRange(evaluation.Context.Samples, 1, evaluation.Bases);
        Assert.All(evaluation.Context.Levels, l => Assert.InRange(l.BaseBits, -0.1, 2.1));
        Assert.Contains("\"context\"", File.ReadAllText(Path.Combine(directory, "run.json")));
        var stage = Path.Combine(root, "evaluation.json");                    // the quickstart saves and reuses an evaluation
        VqDna.IO.JsonFiles.Write(stage, evaluation);
        var reread = VqDna.IO.JsonFiles.Read<TokenizerEvaluation>(stage).Context!;
        Assert.Equal(evaluation.Context.Levels[1].ContextBits, reread.Levels[1].ContextBits);
        using var model = VqTokenizerFolder.Load(directory);
        Assert.Equal("hrq", model.Config.Kind);
    }

    [Fact]
    public void HidingCodesChangesTrainingAndRepeatsWithTheSameSeed()
    {
        var masked = Config(steps: 6) with { CodeMaskRate = 0.25 };
        TokenizerTrainer.Train(Corpus(), Config(steps: 6), Path.Combine(root, "plain"));
        TokenizerTrainer.Train(Corpus(), masked, Path.Combine(root, "masked"));
        TokenizerTrainer.Train(Corpus(), masked, Path.Combine(root, "again"));
        byte[] Weights(string run) => File.ReadAllBytes(Path.Combine(root, run, "model.safetensors"));
        Assert.NotEqual(Weights("plain"), Weights("masked"));
        Assert.Equal(Weights("masked"), Weights("again"));
        Assert.Throws<ArgumentOutOfRangeException>(() => (masked with { CodeMaskRate = 1 }).Validate());
    }

    [Fact]
    public void Bf16AutocastTrainsRepeatsAndKeepsTheCodebookInFloat32()
    {
        // The quantizer steps out of autocast (a bf16 argmin picks wrong codes; its EMA statistics are float32).
        var bf16 = new DeviceSettings(Device.CPU, Precision.BF16);
        TokenizerTrainer.Train(Corpus(), Config(steps: 6), Path.Combine(root, "fp32"));
        var once = TokenizerTrainer.Train(Corpus(), Config(steps: 6), Path.Combine(root, "bf16"), compute: bf16);
        TokenizerTrainer.Train(Corpus(), Config(steps: 6), Path.Combine(root, "bf16-again"), compute: bf16);
        byte[] Weights(string run) => File.ReadAllBytes(Path.Combine(root, run, "model.safetensors"));
        Assert.Equal(Weights("bf16"), Weights("bf16-again"));
        Assert.NotEqual(Weights("fp32"), Weights("bf16"));
        Assert.InRange(once.ReconstructionAccuracy, 0.0, 1.0);
        using var model = VqTokenizerFolder.Load(Path.Combine(root, "bf16"));
        Assert.All(model.StateDict(), kv => Assert.Equal(VqDna.Torch.ScalarType.Float32, kv.Value.dtype));
        Assert.Contains("\"precision\": \"bf16\"", File.ReadAllText(Path.Combine(root, "bf16", "run.json")));
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameWeightsAsAnUninterruptedOne()
    {
        var whole = Path.Combine(root, "whole");
        var interrupted = Path.Combine(root, "interrupted");
        TokenizerTrainer.Train(Corpus(), Config(), whole);

        using var cancel = new CancellationTokenSource();
        var stopAfter12 = new Progress(p => { if (p.Step == 12) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => TokenizerTrainer.Train(Corpus(), Config(), interrupted, stopAfter12, cancel.Token));
        Assert.False(File.Exists(Path.Combine(interrupted, "model.safetensors")));
        TokenizerTrainer.Train(Corpus(), Config(), interrupted);   // resumes from the step-10 checkpoint

        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
        Assert.Equal(24, File.ReadAllLines(Path.Combine(interrupted, "metrics.jsonl")).Length);
    }

    [Fact]
    public void AFolderOfAnotherRunIsNotContinuedSilently()
    {
        var directory = Path.Combine(root, "run");
        TokenizerTrainer.Train(Corpus(), Config(steps: 6), directory);
        var e = Assert.Throws<InvalidOperationException>(() => TokenizerTrainer.Train(Corpus(), Config(steps: 6, seed: 4), directory));
        Assert.Contains("other settings", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => TokenizerTrainer.Train(Corpus(), Config(steps: 8) with { BatchSize = 2 }, directory));
        Assert.Contains("other settings", e.Message);                        // a larger budget does not excuse another change
    }

    [Fact]
    public void AKeptCheckpointIsExtendedByALargerBudgetAndNeverCut()
    {
        var directory = Path.Combine(root, "run");
        TokenizerTrainer.Train(Corpus(), Config(steps: 6), directory);
        var metrics = Path.Combine(directory, "metrics.jsonl");
        var first = File.ReadAllLines(metrics);

        TokenizerTrainer.Train(Corpus(), Config(steps: 10), directory);      // resumes at step 6, trains 4 more

        var extended = File.ReadAllLines(metrics);
        Assert.Equal(10, extended.Length);
        Assert.Equal(first, extended.Take(6));
        Assert.Contains("\"steps\": 10", File.ReadAllText(Path.Combine(directory, "training.json")));
        var e = Assert.Throws<InvalidOperationException>(() => TokenizerTrainer.Train(Corpus(), Config(steps: 8), directory));
        Assert.Contains("run of 10 steps", e.Message);
        Assert.Contains("not cut to 8", e.Message);
    }

    [Fact]
    public void ACheckpointFromBeforeASettingExistedResumesAtThatSettingsDefault()
    {
        // training.json written before `stride` was added: the same settings, without the field.
        var directory = Path.Combine(root, "older");
        using var cancel = new CancellationTokenSource();
        var stopAfter12 = new Progress(p => { if (p.Step == 12) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => TokenizerTrainer.Train(Corpus(), Config(), directory, stopAfter12, cancel.Token));
        var settings = Path.Combine(directory, "training.json");
        var older = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(settings), @",\s*""stride"": 1", "");
        Assert.NotEqual(File.ReadAllText(settings).Trim(), older.Trim());
        File.WriteAllText(settings, older);
        TokenizerTrainer.Train(Corpus(), Config(), directory);                   // resumes: a missing field means its default
        Assert.True(File.Exists(Path.Combine(directory, "model.safetensors")));
    }

    [Fact]
    public void AWindowLongerThanEveryRecordIsAClearError()
    {
        var corpus = GenomeCorpus.FromSequences([("short", "ACGTACGTAC")]);
        var e = Assert.Throws<ArgumentException>(() => TokenizerTrainer.Train(corpus, Config(), Path.Combine(root, "x")));
        Assert.Contains("as long as the window", e.Message);
    }

    [Fact]
    public void ASecondRunIntoAFolderInUseIsRefused()
    {
        var directory = Path.Combine(root, "busy");
        using var first = RunFolder.Open(directory);
        var e = Assert.Throws<IOException>(() => TokenizerTrainer.Train(Corpus(), Config(), directory));
        Assert.Contains("another run is using", e.Message);
        Assert.Contains(Environment.ProcessId.ToString(), e.Message);
    }

    [Fact]
    public void AResumeOnOtherDataIsRefusedUnlessAllowed()
    {
        var directory = Path.Combine(root, "data");
        using (var cancel = new CancellationTokenSource())
        {
            var stop = new Progress(p => { if (p.Step == 6) cancel.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => TokenizerTrainer.Train(Corpus(), Config(), directory, stop, cancel.Token));
        }
        var other = GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")]);
        var e = Assert.Throws<InvalidOperationException>(() => TokenizerTrainer.Train(other, Config(), directory));
        Assert.Contains("other data", e.Message);
        Assert.Contains("--allow-data-change", e.Message);
        TokenizerTrainer.Train(other, Config(), directory, allowDataChange: true);
        Assert.True(File.Exists(Path.Combine(directory, "model.safetensors")));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(5.0)]
    [InlineData(0.0)]
    public void ABadLearningRateIsRefusedBeforeTraining(double lr)
    {
        var config = Config() with { Optimization = Config().Optimization with { LearningRate = lr } };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TokenizerTrainer.Train(Corpus(), config, Path.Combine(root, "lr")));
        Assert.Equal("LearningRate", e.ParamName);
        Assert.False(Directory.Exists(Path.Combine(root, "lr")));
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
