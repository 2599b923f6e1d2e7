using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;

namespace VqDna.Analysis;

/// <summary>A linear probe of a learned tokenizer on a labelled task: frozen mean-pooled embeddings → logistic regression.</summary>
public static class TokenizerProbe
{
    /// <summary>Fits the probe on <paramref name="task"/>'s train split, chooses its weight decay on dev and scores it on test.</summary>
    public static LinearProbe.Result Evaluate(LearnedTokenizer tokenizer, GueTask task, ulong seed = 0) =>
        LinearProbe.Fit(Features(tokenizer, task.Train), Features(tokenizer, task.Dev), Features(tokenizer, task.Test), task.Labels.Count, seed: seed);

    private static (float[,] x, int[] y) Features(LearnedTokenizer tokenizer, IReadOnlyList<LabelledSequence> split) =>
        (tokenizer.MeanEmbeddings(split.Select(s => s.Sequence).ToList()), split.Select(s => s.Label).ToArray());
}
