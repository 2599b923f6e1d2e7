namespace VqDna.Quickstart;

/// <summary>
/// One stage's cost in this run. CPU seconds (the process's, all threads) are reported beside wall seconds
/// because the wall time depends on what else the machine runs; on an idle two-core machine the wall
/// time is about half the CPU time.
/// </summary>
/// <param name="Title">What the stage does.</param>
/// <param name="WallSeconds">Elapsed seconds.</param>
/// <param name="CpuSeconds">Process CPU seconds (user + system, all threads).</param>
/// <param name="Reused">True when every part of it came from an earlier run.</param>
public sealed record QuickstartStage(string Title, double WallSeconds, double CpuSeconds, bool Reused);
