using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Tests.Analysis.Variants;

/// <summary>A tiny two-level HRQ tokenizer trained for a few steps on the SARS-CoV-2 reference, written to a folder.</summary>
internal static class TinyTokenizer
{
    public static string Train(string directory)
    {
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")]);
        var config = new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(levels: 2),
            new OptimizationConfig(Steps: 8, LearningRate: 2e-3, WarmupSteps: 2, CheckpointEvery: 100, Seed: 1), WindowLength: 64, BatchSize: 4, EvalBatches: 1);
        TokenizerTrainer.Train(corpus, config, directory);
        return directory;
    }
}
