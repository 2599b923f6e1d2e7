namespace VqDna.Training.Engine;

/// <summary>
/// The order a trainer visits a labelled split in: a fresh permutation per epoch from (seed, epoch), so the
/// batch of any step is known without replaying earlier ones (resume is exact).
/// </summary>
public sealed class EpochOrder(int count, int batchSize, ulong seed)
{
    private int epoch = -1;
    private int[] permutation = [];
    private readonly int batchesPerEpoch = (count + batchSize - 1) / batchSize;

    /// <summary>Row indices of batch <paramref name="index"/> (0-based, counted over every epoch).</summary>
    public IEnumerable<int> Batch(int index)
    {
        int e = index / batchesPerEpoch, position = index % batchesPerEpoch;
        if (e != epoch)
        {
            permutation = Enumerable.Range(0, count).ToArray();
            new Random((int)(StepSeeds.Of(seed, -1, rank: e) & 0x7FFFFFFF)).Shuffle(permutation);
            epoch = e;
        }
        return permutation.Skip(position * batchSize).Take(batchSize);
    }
}
