using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Analysis.Variants;

/// <summary>Per-genome features: a learned tokenizer's codes and mean embedding, and a pre-trained encoder's pooled output.</summary>
public static class GenomeFeatures
{
    /// <summary>
    /// Codes per level and the mean tokenizer embedding of each sequence, in one pass (the embedding rows are summed
    /// as they stream out): the same mean as <see cref="LearnedTokenizer.MeanEmbeddings"/>, without encoding twice.
    /// </summary>
    public static (List<int[][]> Codes, double[,] MeanEmbeddings) Learned(LearnedTokenizer tokenizer, IReadOnlyList<string> sequences, IProgress<int>? done = null)
    {
        int d = tokenizer.Config.CodeDim;
        var codes = new List<int[][]>(sequences.Count);
        var means = new double[sequences.Count, d];
        for (int i = 0; i < sequences.Count; i++)
        {
            var sum = new double[d];
            codes.Add(tokenizer.Encode(sequences[i], (_, rows) =>
            {
                for (int r = 0; r < rows.Length; r++) sum[r % d] += rows[r];
            }));
            for (int j = 0; j < d; j++) means[i, j] = sum[j] / Math.Max(1, sequences[i].Length);
            done?.Report(i + 1);
        }
        return (codes, means);
    }

    /// <summary>
    /// Each sequence's token frequencies (n × vocabulary, rows sum to 1): the mean one-hot embedding, the hand-made
    /// tokenizers' counterpart of the mean learned embedding.
    /// </summary>
    public static double[,] TokenProfile(ITokenizer tokenizer, IReadOnlyList<string> sequences)
    {
        var result = new double[sequences.Count, tokenizer.VocabSize];
        for (int i = 0; i < sequences.Count; i++)
        {
            var ids = tokenizer.Encode(sequences[i]);
            foreach (int id in ids) result[i, id] += 1.0 / ids.Length;
        }
        return result;
    }

    /// <summary>Each sequence's code frequencies per level, the levels side by side (n × Σ codebook sizes; each level's block sums to 1).</summary>
    public static double[,] CodeProfile(IReadOnlyList<int[][]> codes, IReadOnlyList<int> codebookSizes)
    {
        var offsets = new int[codebookSizes.Count];
        for (int l = 1; l < offsets.Length; l++) offsets[l] = offsets[l - 1] + codebookSizes[l - 1];
        var result = new double[codes.Count, codebookSizes.Sum()];
        for (int i = 0; i < codes.Count; i++)
            for (int l = 0; l < codebookSizes.Count; l++)
                foreach (int code in codes[i][l]) result[i, offsets[l] + code] += 1.0 / codes[i][l].Length;
        return result;
    }

    /// <summary>
    /// The encoder's pooled output for each sequence. A genome is longer than the encoder's context, so it runs as
    /// consecutive chunks of <see cref="EncoderConfig.MaxLength"/> tokens whose pooled outputs are averaged weighted by
    /// their token counts: the mean over every token, as <see cref="Inference.SequenceClassifier"/> pools long inputs.
    /// </summary>
    public static double[,] EncoderPooled(DnaEncoder encoder, SequenceInputs inputs, IReadOnlyList<string> sequences, int chunkBatch = 16, IProgress<int>? done = null)
    {
        encoder.Eval();
        int width = encoder.Config.Width, maxTokens = encoder.Config.MaxLength;
        var result = new double[sequences.Count, width];
        using var noGrad = torch.no_grad();
        for (int i = 0; i < sequences.Count; i++)
        {
            var tokens = inputs.Tokenize([sequences[i]])[0];
            var sum = new double[width];
            foreach (var part in tokens.Chunks(maxTokens).Chunk(chunkBatch))
            {
                using var scope = torch.NewDisposeScope();
                var batch = inputs.Batch(part);
                var pooled = encoder.Forward(batch.Input).Pooled.ToArray<float>();     // (chunks, width)
                for (int c = 0; c < part.Length; c++)
                    for (int j = 0; j < width; j++) sum[j] += pooled[c * width + j] * (double)part[c].Length;
            }
            for (int j = 0; j < width; j++) result[i, j] = sum[j] / Math.Max(1, tokens.Length);
            done?.Report(i + 1);
        }
        return result;
    }
}
