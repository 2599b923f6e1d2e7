using VqDna.Evaluation;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Evaluation;

public sealed class LinearProbeTests
{
    /// <summary>Windows of two real genomes, phage λ (label 0) and SARS-CoV-2 (label 1).</summary>
    private static (List<string> sequences, List<int> labels) Windows(int perClass, int offset)
    {
        var a = SequenceFile.Read(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")).First().Sequence;
        var b = SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence;
        var sequences = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < perClass; i++)
        {
            sequences.Add(a.Substring(offset + i * 100, 100)); labels.Add(0);
            sequences.Add(b.Substring(offset + i * 100, 100)); labels.Add(1);
        }
        return (sequences, labels);
    }

    [Fact]
    public void SeparatesTwoGenomesFromMeanPooledEmbeddings()
    {
        torch.manual_seed(4);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny() with { KMeansInit = false });
        var tokenizer = new LearnedTokenizer(model, window: 256);
        var train = Windows(40, 0);
        var dev = Windows(20, 5000);
        var test = Windows(20, 9000);
        var result = LinearProbe.Fit(
            (tokenizer.MeanEmbeddings(train.sequences), train.labels.ToArray()),
            (tokenizer.MeanEmbeddings(dev.sequences), dev.labels.ToArray()),
            (tokenizer.MeanEmbeddings(test.sequences), test.labels.ToArray()), classes: 2, steps: 100);
        // Even random frozen features of real k-mer content separate two genomes well above chance.
        Assert.True(result.Test.Accuracy > 0.75, $"probe accuracy {result.Test.Accuracy:P1}");
        Assert.Equal(40, result.Test.Count);
    }

    [Fact]
    public void MeanEmbeddingsOfLongSequencesUseStitchedWindows()
    {
        torch.manual_seed(5);
        using var model = new VqTokenizerModel(VqTokenizerConfig.Tiny() with { KMeansInit = false });
        var seq = SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence[..900];
        var batched = new LearnedTokenizer(model, window: 1024).MeanEmbeddings([seq]);
        var stitched = new LearnedTokenizer(model, window: 128).MeanEmbeddings([seq]);
        for (int j = 0; j < model.Config.CodeDim; j++) Assert.Equal(batched[0, j], stitched[0, j], 4);
    }
}
