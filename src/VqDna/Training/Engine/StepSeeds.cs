using VqDna.Torch;

namespace VqDna.Training.Engine;

/// <summary>
/// Per-step randomness: step s of a run draws its batch and its libtorch random numbers from a seed derived
/// from (seed, step, rank) alone, so a resumed run takes exactly the steps the uninterrupted one would have,
/// and data-parallel ranks draw different data.
/// </summary>
public static class StepSeeds
{
    /// <summary>SplitMix64 of seed, step and rank: well-spread seeds for consecutive steps.</summary>
    public static ulong Of(ulong seed, int step, int rank = 0)
    {
        ulong x = seed + 0x9E3779B97F4A7C15ul * (ulong)(step + 1) + 0xD1B54A32D192ED03ul * (ulong)rank;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ul;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBul;
        return x ^ (x >> 31);
    }

    /// <summary>Seeds libtorch for this step and returns the step's sampler.</summary>
    public static Random Begin(ulong seed, int step, int rank = 0)
    {
        ulong stepSeed = Of(seed, step, rank);
        torch.manual_seed(stepSeed);
        return new Random((int)(stepSeed & 0x7FFFFFFF));
    }
}
