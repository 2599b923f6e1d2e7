using VqDna.Datasets;

namespace VqDna.Training.Engine;

/// <summary>
/// A fixed random subset of a training split (a budget of examples): the same (split, size, seed) always gives the
/// same rows, so a fine-tuning run and the baselines scored beside it train on the same examples.
/// </summary>
public static class TrainingSubset
{
    /// <summary>How many rows <see cref="Of"/> keeps of a split of <paramref name="rows"/>.</summary>
    public static int Count(int rows, int max) => max > 0 ? Math.Min(max, rows) : rows;

    /// <summary>At most <paramref name="max"/> rows of <paramref name="train"/> (0: all of them).</summary>
    public static IReadOnlyList<LabelledSequence> Of(IReadOnlyList<LabelledSequence> train, int max, ulong seed)
    {
        if (max < 0) throw new ArgumentOutOfRangeException(nameof(max), max, "must be non-negative");
        if (max == 0 || max >= train.Count) return train;
        var random = new Random((int)(StepSeeds.Of(seed, -2) & 0x7FFFFFFF));
        return train.OrderBy(_ => random.Next()).Take(max).ToList();
    }
}
