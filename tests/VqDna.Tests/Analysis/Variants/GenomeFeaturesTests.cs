using VqDna.Analysis.Variants;
using VqDna.Inputs;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers;
using VqDna.Training;
using VqDna.Training.Pretraining;

namespace VqDna.Tests.Analysis.Variants;

public sealed class GenomeFeaturesTests
{
    [Fact]
    public void EncoderPoolingOfLongSequencesIgnoresPaddingAndBatching()
    {
        using var temp = RepoData.NewTempFolder();
        var corpus = GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")]);
        var config = new PretrainingConfig(EncoderPreset.Tiny, "char", PretrainingConfig.DefaultOptimization(2, seed: 2) with { CheckpointEvery = 10, WarmupSteps = 1 },
            new MaskingConfig(), WindowLength: 64, BatchSize: 2, EvalEvery: 10, EvalBatches: 1);
        using (var inputs = TokenizerSpec.Parse("char").Build()) Pretrainer.Train(corpus, config, inputs, temp.Path);
        using var model = EncoderFolder.LoadMaskedModeling(temp.Path);
        using var loaded = PretrainedFolder.LoadInputs(temp.Path);
        var genome = SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence;
        string[] sequences = [genome[..1300], genome[5000..5300]];                       // 512 + 512 + 276 tokens; one short chunk

        var batched = GenomeFeatures.EncoderPooled(model.encoder, loaded, sequences, chunkBatch: 16);
        var single = GenomeFeatures.EncoderPooled(model.encoder, loaded, sequences, chunkBatch: 1);
        Assert.Equal(model.Config.Width, batched.GetLength(1));
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < batched.GetLength(1); j++)
            {
                Assert.True(double.IsFinite(batched[i, j]));
                Assert.Equal(single[i, j], batched[i, j], 4);                            // the padded third chunk pools only its own tokens
            }
    }

    [Fact]
    public void ProfilesAreFrequencies()
    {
        var profile = GenomeFeatures.TokenProfile(new NonOverlappingKmerTokenizer(6), ["ACGTACACGTAC", "AAAAAA"]);
        Assert.Equal(1.0, Enumerable.Range(0, profile.GetLength(1)).Sum(j => profile[0, j]), 12);
        Assert.Equal(1.0, Enumerable.Range(0, profile.GetLength(1)).Max(j => profile[0, j]), 12);   // the same 6-mer twice
        var codes = GenomeFeatures.CodeProfile([[[0, 1, 1, 1], [2, 2, 3, 3]]], [2, 4]);
        Assert.Equal([0.25, 0.75, 0, 0, 0.5, 0.5], codes.Cast<double>());
    }
}
