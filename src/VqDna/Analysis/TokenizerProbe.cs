using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;

namespace VqDna.Analysis;

/// <summary>A linear probe of a learned tokenizer on a labelled task: frozen mean-pooled embeddings → logistic regression.</summary>
public static class TokenizerProbe
{
    /// <summary>Sequences per forward pass of <see cref="MeanEmbeddings"/>.</summary>
    private const int Batch = 64;

    /// <summary>Fits the probe on <paramref name="task"/>'s train split, chooses its weight decay on dev and scores it on test.</summary>
    public static LinearProbe.Result Evaluate(LearnedTokenizer tokenizer, GueTask task, ulong seed = 0) =>
        Fit(task, split => tokenizer.MeanEmbeddings(split), seed);

    /// <summary>
    /// The same probe straight on the network, for a tokenizer the windowed <see cref="LearnedTokenizer"/> refuses: one with
    /// several bases per code (issue 21's stride experiment). See <see cref="MeanEmbeddings"/> for how it differs.
    /// </summary>
    public static LinearProbe.Result Evaluate(VqTokenizerModel model, GueTask task, ulong seed = 0) =>
        Fit(task, split => MeanEmbeddings(model, split), seed);

    /// <summary>
    /// Each sequence's code vectors, mean-pooled, (sequences, CodeDim), computed on the network in one pass per sequence:
    /// the last (length mod S) bases are dropped for a stride S, and N is the network's fifth symbol here, where
    /// <see cref="LearnedTokenizer.MeanEmbeddings"/> leaves N positions out. On task rows (short, N-free) and stride 1 the two agree.
    /// </summary>
    public static float[,] MeanEmbeddings(VqTokenizerModel model, IReadOnlyList<string> sequences)
    {
        int d = model.Config.CodeDim, stride = model.Config.Stride;
        var result = new float[sequences.Count, d];
        bool wasTraining = model.training;
        model.Eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var sameLength in Enumerable.Range(0, sequences.Count).GroupBy(i => sequences[i].Length / stride * stride))
            {
                int length = sameLength.Key;
                if (length == 0) throw new ArgumentException($"sequence {sameLength.First()} is shorter than the tokenizer's stride ({stride})");
                foreach (var rows in sameLength.Chunk(Batch))
                {
                    using var scope = torch.NewDisposeScope();
                    var ids = new long[rows.Length * length];
                    for (int r = 0; r < rows.Length; r++) NucleotideIds.Encode(sequences[rows[r]].AsSpan(0, length), ids.AsSpan(r * length, length));
                    var codes = model.Encode(torch.tensor(ids, [rows.Length, length]));
                    var means = codes.Embedding.mean(1).ToArray<float>();                          // (B, D)
                    for (int r = 0; r < rows.Length; r++)
                        for (int j = 0; j < d; j++) result[rows[r], j] = means[r * d + j];
                }
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return result;
    }

    private static LinearProbe.Result Fit(GueTask task, Func<IReadOnlyList<string>, float[,]> features, ulong seed)
    {
        (float[,] x, int[] y) Split(IReadOnlyList<LabelledSequence> split) => (features(split.Select(s => s.Sequence).ToList()), split.Select(s => s.Label).ToArray());
        return LinearProbe.Fit(Split(task.Train), Split(task.Dev), Split(task.Test), task.Labels.Count, seed: seed);
    }
}
