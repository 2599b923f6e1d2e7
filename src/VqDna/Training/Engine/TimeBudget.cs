using VqDna.IO;

namespace VqDna.Training.Engine;

/// <summary>
/// A budget in minutes, turned into a step count once: the cosine schedule needs the number of steps up front,
/// and a resumed run must take the same number, so the measured count is kept in budget.json and reused.
/// </summary>
public static class TimeBudget
{
    /// <summary>The file in the run folder that keeps the measured step count.</summary>
    public const string FileName = "budget.json";

    /// <summary>The steps of <paramref name="minutes"/>, measuring seconds per step only when the folder has no budget.json for them.</summary>
    public static int Resolve(RunFolder folder, double minutes, Func<double> secondsPerStep)
    {
        var path = folder.PathOf(FileName);
        if (File.Exists(path))
        {
            var kept = JsonFiles.Read<Resolved>(path);
            if (kept.Minutes == minutes) return kept.Steps;
        }
        double seconds = secondsPerStep();
        int steps = (int)Math.Max(1, Math.Floor(minutes * 60 / Math.Max(seconds, 1e-6)));
        JsonFiles.Write(path, new Resolved(minutes, seconds, steps));
        return steps;
    }

    /// <summary>budget.json: the budget, the measured seconds per step and the steps that fit.</summary>
    public sealed record Resolved(double Minutes, double SecondsPerStep, int Steps);
}
