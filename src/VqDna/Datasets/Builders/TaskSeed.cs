namespace VqDna.Datasets.Builders;

/// <summary>
/// Seeded randomness for the task builders. Each task draws from its own generator, derived from
/// the run's seed and the task's name, so adding or dropping a task never changes another's
/// output. <see cref="System.Random(int)"/> with a seed is the same sequence on every .NET version
/// and platform (the legacy algorithm), which is what makes same seed → identical files hold.
/// </summary>
public static class TaskSeed
{
    /// <summary>A generator for <paramref name="task"/> under the run seed <paramref name="seed"/>.</summary>
    public static Random For(int seed, string task)
    {
        // FNV-1a over the name: string.GetHashCode is randomised per process.
        uint hash = 2166136261;
        foreach (char c in task) { hash ^= c; hash *= 16777619; }
        hash ^= (uint)seed * 2654435761u;
        return new Random((int)(hash & 0x7FFFFFFF));
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public static void Shuffle<T>(IList<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
