using VqDna.Datasets;

namespace VqDna.Training.Engine;

/// <summary>
/// A fixed random subset of a split (a budget of examples): the same (split, size, seed) always gives the same rows, so
/// a fine-tuning run and the baselines scored beside it train on, and select on, the same examples.
/// </summary>
public static class TrainingSubset
{
    // Separate draws for the two splits, so cutting dev does not depend on, or change, the training subset.
    private const int TrainStream = -2, DevStream = -3;

    /// <summary>How many rows <see cref="Of"/> keeps of a split of <paramref name="rows"/>.</summary>
    public static int Count(int rows, int max) => max > 0 ? Math.Min(max, rows) : rows;

    /// <summary>At most <paramref name="max"/> rows of <paramref name="train"/> (0: all of them).</summary>
    public static IReadOnlyList<LabelledSequence> Of(IReadOnlyList<LabelledSequence> train, int max, ulong seed) =>
        Draw(train, max, seed, TrainStream);

    /// <summary>
    /// <paramref name="task"/> with at most <paramref name="maxTrain"/> training and <paramref name="maxDev"/> dev rows
    /// (0: all); the test split whole. A smaller dev split makes the evaluations that pick the best step cheaper: on
    /// promoter_300 (6,838 dev rows, four evaluations an epoch) they cost more than the training itself (issue 16).
    /// </summary>
    public static GueTask Cut(GueTask task, int maxTrain, int maxDev, ulong seed) =>
        task with { Train = Of(task.Train, maxTrain, seed), Dev = Draw(task.Dev, maxDev, seed, DevStream) };

    private static IReadOnlyList<LabelledSequence> Draw(IReadOnlyList<LabelledSequence> rows, int max, ulong seed, int stream)
    {
        if (max < 0) throw new ArgumentOutOfRangeException(nameof(max), max, "must be non-negative");
        if (max == 0 || max >= rows.Count) return rows;
        var random = new Random((int)(StepSeeds.Of(seed, stream) & 0x7FFFFFFF));
        return rows.OrderBy(_ => random.Next()).Take(max).ToList();
    }
}
