using VqDna.Datasets.Builders;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna data build-tasks`.</summary>
/// <param name="Output">Folder receiving one GUE-layout folder per task (--output).</param>
/// <param name="Seed">Sampling and splitting seed (--seed).</param>
/// <param name="Groups">Task groups to build; empty: all (--tasks).</param>
/// <param name="CacheDir">Folder for downloaded packages (--cache-dir).</param>
/// <param name="Rscript">R front end for the splice data (--rscript).</param>
internal sealed record BuildTasksSettings(string Output, int Seed, IReadOnlyList<string> Groups, string CacheDir, string Rscript) : IVerbSettings
{
    public void Validate()
    {
        var unknown = Groups.Where(g => !BenchmarkTaskSet.Groups.Contains(g)).ToList();
        if (unknown.Count > 0)
            throw UsageException.Because($"--tasks: unknown group(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", BenchmarkTaskSet.Groups)}");
        Check.OutputFolder("--output", Output);
        Check.OutputFolder("--cache-dir", CacheDir);
    }
}
