using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Training;
using VqDna.Training.Engine;
using VqDna.Tokenizers.Learned;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Inference;

/// <summary>
/// A tiny two-level HRQ tokenizer trained once on phage lambda (a few seconds), in a temp folder, for the
/// tests that compare engines: a trained codebook has the near-ties a real one has, a random one does not.
/// </summary>
public sealed class TrainedTinyTokenizer : IDisposable
{
    public TrainedTinyTokenizer()
    {
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")]);
        var config = new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(), new OptimizationConfig(Steps: 60, LearningRate: 2e-3, WarmupSteps: 5, Seed: 1),
            WindowLength: 128, BatchSize: 8, EvalBatches: 2);
        TokenizerTrainer.Train(corpus, config, _folder.Path);
    }

    private readonly RepoData.TempFolder _folder = RepoData.NewTempFolder();

    /// <summary>The tokenizer folder.</summary>
    public string Folder => _folder.Path;

    /// <summary>The first <paramref name="length"/> bases of E. coli K-12 (no N): a genome the tokenizer never saw.</summary>
    public static string EcoliSlice(int length) =>
        SequenceFile.Read(RepoData.Data("genomes/ecoli_k12_NC_000913_200kb.gbk.gz")).First().Sequence[..length];

    public LearnedTokenizer Load(int window = 4096, int batch = 32, InferenceEngine engine = InferenceEngine.Torch) =>
        TokenizerEngines.Load(Folder, window, batch, engine);

    public void Dispose() => _folder.Dispose();
}
