using VqDna.Models.Tokenizer;
using VqDna.Training;

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

    private static TokenizerTrainingConfig Config(int steps = 24) => new(
        VqTokenizerConfig.Tiny(levels: 2), WindowLength: 64, BatchSize: 4, Steps: steps, WarmupSteps: 4, CheckpointEvery: 5, EvalBatches: 2, Seed: 3);

    [Fact]
    public void TrainingWritesATokenizerFolderThatLoadsBack()
    {
        var directory = Path.Combine(root, "run");
        var evaluation = TokenizerTrainer.Train(Corpus(), Config(), directory);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "metrics.jsonl", "run.json", "training.json" })
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} missing");
        Assert.Equal(24, File.ReadAllLines(Path.Combine(directory, "metrics.jsonl")).Length);
        Assert.InRange(evaluation.ReconstructionAccuracy, 0.0, 1.0);
        Assert.Equal([32, 64], evaluation.Levels.Select(l => l.CodebookSize));
        using var model = VqTokenizerFolder.Load(directory);
        Assert.Equal("hrq", model.Config.Kind);
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
        var e = Assert.Throws<InvalidOperationException>(() => TokenizerTrainer.Train(Corpus(), Config(steps: 8), directory));
        Assert.Contains("other settings", e.Message);
    }

    [Fact]
    public void AWindowLongerThanEveryRecordIsAClearError()
    {
        var corpus = GenomeCorpus.FromSequences([("short", "ACGTACGTAC")]);
        var e = Assert.Throws<ArgumentException>(() => TokenizerTrainer.Train(corpus, Config(), Path.Combine(root, "x")));
        Assert.Contains("as long as the window", e.Message);
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
