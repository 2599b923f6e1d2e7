using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Models.Engines;
using VqDna.Sequences.Readers;
using VqDna.Tests.Training.Finetuning;
using VqDna.Torch;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Inference;

/// <summary>
/// `vqdna embed`'s embeddings (issue 20: there was no way to get the encoder's): from a fine-tuned folder the mean
/// pooling of the last layer is exactly what the classification head reads (chunked the same way past the context),
/// per-token states are the chunks' states in order, cls is the first token's, max bounds every token's and mean-max
/// lays the mean and the max side by side.
/// </summary>
public sealed class SequenceEmbedderTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PoolingsAgreeWithTheClassifiersPooledVectorAndThePerTokenStates()
    {
        var folder = TinyFinetuned.Build(temp.Path, "kmer6", FinetuneMode.Lora);
        var genome = SequenceFile.Read(RepoData.Data("genomes/saureus_N315_200kb.fa.gz")).First().Sequence;
        var sequences = new List<string> { genome.Substring(10_000, 2_000), genome.Substring(50_000, 90) };    // 2,000 nt: past the context
        using var embedder = SequenceEmbedder.Load(folder);
        using var finetuned = FinetunedModel.Load(folder, InferenceEngine.Torch);
        int d = embedder.Width;

        var mean = embedder.Pooled(sequences, EmbeddingPooling.Mean, embedder.Layers);
        float[] expected;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
            expected = finetuned.Classifier.Pooled(finetuned.Classifier.Inputs.Tokenize(sequences)).ToArray<float>();
        Assert.InRange(mean.SelectMany(v => v).Zip(expected).Max(p => Math.Abs(p.First - p.Second)), 0, 1e-5);

        var tokens = new List<float>();
        embedder.PerToken(sequences[0], embedder.Layers, rows => tokens.AddRange(rows.ToArray()));
        int count = embedder.TokenCount(sequences[0]);
        Assert.Equal(count * d, tokens.Count);
        for (int j = 0; j < d; j++)
            Assert.InRange(Math.Abs(mean[0][j] - Enumerable.Range(0, count).Average(t => tokens[t * d + j])), 0, 1e-5);

        var cls = embedder.Pooled(sequences, EmbeddingPooling.Cls, embedder.Layers);
        // Per-token states came from a batch of one, the pooled ones from a padded batch of two: equal within float rounding.
        Assert.InRange(tokens.Take(d).Zip(cls[0]).Max(p => Math.Abs(p.First - p.Second)), 0, 1e-5);
        var max = embedder.Pooled(sequences, EmbeddingPooling.Max, embedder.Layers);
        for (int j = 0; j < d; j++) Assert.InRange(Math.Abs(Enumerable.Range(0, count).Max(t => tokens[t * d + j]) - max[0][j]), 0, 1e-5);
        var meanMax = embedder.Pooled(sequences, EmbeddingPooling.MeanMax, embedder.Layers);
        for (int i = 0; i < sequences.Count; i++)
        {
            Assert.Equal(2 * d, meanMax[i].Length);
            Assert.InRange(mean[i].Concat(max[i]).Zip(meanMax[i]).Max(p => Math.Abs(p.First - p.Second)), 0, 1e-6);
        }

        var first = embedder.Pooled(sequences, EmbeddingPooling.Mean, 1);
        Assert.NotEqual(mean[1], first[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => embedder.Pooled(sequences, EmbeddingPooling.Mean, embedder.Layers + 1));
    }
}
