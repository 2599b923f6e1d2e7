using VqDna.Datasets;

namespace VqDna.Training.Finetuning;

/// <summary>Examples per class in each split (imbalance made visible).</summary>
public sealed record ClassCounts(long[] Train, long[] Dev, long[] Test)
{
    /// <summary>The counts of every split of <paramref name="task"/>, in label order.</summary>
    public static ClassCounts Of(GueTask task) => new(Count(task.Train, task.Labels.Count), Count(task.Dev, task.Labels.Count), Count(task.Test, task.Labels.Count));

    private static long[] Count(IReadOnlyList<LabelledSequence> split, int classes)
    {
        var counts = new long[classes];
        foreach (var s in split) counts[s.Label]++;
        return counts;
    }
}
