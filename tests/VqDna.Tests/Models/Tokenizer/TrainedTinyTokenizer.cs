using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Models.Tokenizer;

/// <summary>
/// A tiny HRQ tokenizer trained once (a few seconds) on real human sequence, shared by the tests that
/// need trained codebooks: near-ties between codes, which window independence must survive, only show
/// with codes that sit where real encoder outputs fall.
/// </summary>
public sealed class TrainedTinyTokenizer : IDisposable
{
    public TrainedTinyTokenizer()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"vqdna-trained-tiny-{Guid.NewGuid():N}");
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/human_chr20_1000000_300kb.fa.gz")]);
        var config = new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(), new OptimizationConfig(Steps: 150, LearningRate: 2e-3, WarmupSteps: 10, Seed: 3),
            WindowLength: 128, BatchSize: 8, EvalBatches: 2);
        TokenizerTrainer.Train(corpus, config, Directory);
    }

    /// <summary>The tokenizer folder.</summary>
    public string Directory { get; }

    public LearnedTokenizer Load(int window = 4096, int batchSize = 32) => LearnedTokenizer.Load(Directory, window, batchSize);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
