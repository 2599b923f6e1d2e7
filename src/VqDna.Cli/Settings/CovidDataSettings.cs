using VqDna.Datasets.Covid;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna data covid`, named after their options.</summary>
/// <param name="Output">Folder for the task, the mutation table and the rebuilt genomes (--output).</param>
/// <param name="NpmCache">Where the npm package is kept (--npm-cache); null: OUTPUT/npm.</param>
/// <param name="Reference">NC_045512.2 FASTA to check the root genome against (--reference); null: the embedded one when present.</param>
/// <param name="Window">Window length in bases (--window).</param>
/// <param name="WindowsPerGenome">Windows per genome; 0 tiles every genome (--windows-per-genome).</param>
/// <param name="Seed">Seed of the split and the window offsets (--seed).</param>
internal sealed record CovidDataSettings(string Output, string? NpmCache, string? Reference, int Window, int WindowsPerGenome, int Seed) : IVerbSettings
{
    /// <summary>The smallest window the task builder accepts (CovidTaskConfig's check, worded for the option here).</summary>
    public const int MinWindow = 10;

    public void Validate()
    {
        Check.OutputFolder("--output", Output);
        if (NpmCache is not null) Check.OutputFolder("--npm-cache", NpmCache);
        if (Reference is not null) Check.InputFile("--reference", Reference, "the NC_045512.2 FASTA");
        if (Window < MinWindow) throw UsageException.Invalid("--window", $"at least {MinWindow} bases", Window);
        Check.NonNegative("--windows-per-genome", WindowsPerGenome);
    }

    /// <summary>The library's task settings.</summary>
    public CovidTaskConfig ToConfig() => new CovidTaskConfig(Window: Window, WindowsPerGenome: WindowsPerGenome, Seed: Seed).Validate();
}
