using System.Text.Json;
using VqDna.Inputs;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;
using VqDna.Reports.Charts;

namespace VqDna.Tests.Training.Pretraining;

[Collection("serial")]
public sealed class PretrainerTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    private static GenomeCorpus Corpus() => GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")]);

    private static PretrainingConfig Config(string tokenizer, int steps = 12) => new(EncoderPreset.Tiny, tokenizer,
        PretrainingConfig.DefaultOptimization(steps, seed: 2) with { CheckpointEvery = 4, WarmupSteps = 2 }, new MaskingConfig(),
        WindowLength: 96, BatchSize: 4, EvalEvery: 6, EvalBatches: 1);

    [Theory]
    [InlineData("char")]
    [InlineData("kmer6")]
    [InlineData("6mer")]
    public void PretrainingWritesAModelFolderThatLoadsBack(string tokenizer)
    {
        var directory = temp.File(tokenizer);
        using var inputs = TokenizerSpec.Parse(tokenizer).Build();
        var result = Pretrainer.Train(Corpus(), Config(tokenizer), inputs, directory);
        TrainingRunCharts.Pretraining(directory, Config(tokenizer), result);                                 // the trainer draws nothing itself (issue 17)
        Assert.Equal(12, result.Steps);
        Assert.InRange(result.Evaluation.MaskedAccuracy, 0, 1);
        Assert.True(double.IsFinite(result.Evaluation.Loss));
        using var model = EncoderFolder.LoadMaskedModeling(directory);
        Assert.Equal(inputs.Spec.VocabSize, model.Config.VocabSize);
        using var reloaded = PretrainedFolder.LoadInputs(directory);
        Assert.Equal(inputs.Name, reloaded.Name);
        var evals = MetricsLog.Read(Path.Combine(directory, RunFolder.MetricsFile)).Where(l => l.TryGetProperty("eval_masked_accuracy", out _)).Count();
        Assert.Equal(2, evals);
        foreach (var chart in new[] { "curves_loss.png", "curves_loss.svg", "curves_scores.png" })
            Assert.True(File.Exists(Path.Combine(directory, chart)), $"{chart} missing");
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameWeights()
    {
        var whole = temp.File("whole");
        var interrupted = temp.File("interrupted");
        using (var inputs = TokenizerSpec.Parse("char").Build()) Pretrainer.Train(Corpus(), Config("char"), inputs, whole);
        using (var cancel = new CancellationTokenSource())
        using (var inputs = TokenizerSpec.Parse("char").Build())
        {
            var stop = new Progress(p => { if (p.Step == 6) cancel.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => Pretrainer.Train(Corpus(), Config("char"), inputs, interrupted, stop, cancel.Token));
        }
        using (var inputs = TokenizerSpec.Parse("char").Build()) Pretrainer.Train(Corpus(), Config("char"), inputs, interrupted);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
    }

    [Fact]
    public void ALearnedTokenizerFeedsCodeVectorsAndEveryLevelIsPredicted()
    {
        var tokenizerDirectory = temp.File("hrq");
        TokenizerTrainer.Train(Corpus(), new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(levels: 2),
            new OptimizationConfig(Steps: 8, LearningRate: 2e-3, WarmupSteps: 1), WindowLength: 64, BatchSize: 4, EvalBatches: 1), tokenizerDirectory);
        var directory = temp.File("pretrained");
        using var inputs = TokenizerSpec.Parse(tokenizerDirectory).Build();
        Assert.Equal([32, 64], inputs.OutputVocab);
        var result = Pretrainer.Train(Corpus(), Config(tokenizerDirectory, steps: 4), inputs, directory);
        Assert.Equal("hrq", result.Tokenizer);
        Assert.Equal(1.0, result.Evaluation.TokensPerNucleotide, 6);
        using var model = EncoderFolder.LoadMaskedModeling(directory);
        Assert.Equal([32, 64], model.Config.OutputVocab!);
        using var reloaded = PretrainedFolder.LoadInputs(directory);
        Assert.IsType<CodeVectorInputs>(reloaded);

        // A swapped tokenizer copy is noticed.
        File.WriteAllText(Path.Combine(directory, "tokenizer", PretrainedFolder.ChecksumFile), "0000\n");
        var e = Assert.Throws<InvalidDataException>(() => PretrainedFolder.LoadInputs(directory));
        Assert.Contains("not the tokenizer this model was trained with", e.Message);
    }

    [Fact]
    public void Bf16AutocastChangesTheRunRepeatsWithTheSameSeedAndRunJsonRecordsIt()
    {
        var bf16 = new DeviceSettings(Device.CPU, Precision.BF16);
        string Train(string name, DeviceSettings? compute)
        {
            var directory = temp.File(name);
            using var inputs = TokenizerSpec.Parse("char").Build();
            var result = Pretrainer.Train(Corpus(), Config("char", steps: 4), inputs, directory, compute: compute);
            Assert.True(double.IsFinite(result.Evaluation.Loss));
            return directory;
        }
        byte[] Weights(string directory) => File.ReadAllBytes(Path.Combine(directory, "model.safetensors"));
        JsonDocument Run(string directory) => JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, RunFolder.RunFile)));

        var fp32 = Train("fp32", null);
        var once = Train("bf16", bf16);
        var twice = Train("bf16-again", bf16);
        Assert.Equal(Weights(once), Weights(twice));                            // same seed, same result
        Assert.NotEqual(Weights(fp32), Weights(once));                          // the forwards did run in bfloat16
        foreach (var (directory, precision) in new[] { (fp32, "fp32"), (once, "bf16") })
        {
            using var run = Run(directory);
            var environment = run.RootElement.GetProperty("environment");
            Assert.Equal("cpu", environment.GetProperty("device").GetString());
            Assert.Equal(precision, environment.GetProperty("precision").GetString());
            Assert.Equal(torch.libtorch_version, environment.GetProperty("libtorch").GetString());
        }
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(once, RunFolder.SettingsFile)));
        Assert.DoesNotContain("precision", config.RootElement.GetRawText());     // not a setting: a run resumes on another device or precision
    }

    [Fact]
    public void Bf16PretrainingOverALearnedTokenizerRunsAndRepeats()
    {
        var tokenizerDirectory = temp.File("hrq-bf16");
        TokenizerTrainer.Train(Corpus(), new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(levels: 2),
            new OptimizationConfig(Steps: 4, LearningRate: 2e-3, WarmupSteps: 1), WindowLength: 64, BatchSize: 4, EvalBatches: 1), tokenizerDirectory);
        var bf16 = new DeviceSettings(Device.CPU, Precision.BF16);
        byte[] Train(string name)
        {
            var directory = temp.File(name);
            using var inputs = TokenizerSpec.Parse(tokenizerDirectory).Build();
            var result = Pretrainer.Train(Corpus(), Config(tokenizerDirectory, steps: 3), inputs, directory, compute: bf16);
            Assert.True(double.IsFinite(result.Evaluation.Loss));
            return File.ReadAllBytes(Path.Combine(directory, "model.safetensors"));
        }
        Assert.Equal(Train("codes-bf16"), Train("codes-bf16-again"));
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
