namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna data fetch`.</summary>
/// <param name="CacheDir">Folder for packages and manifest.tsv (--cache-dir).</param>
internal sealed record DataFetchSettings(string CacheDir) : IVerbSettings
{
    public void Validate() => Check.OutputFolder("--cache-dir", CacheDir);
}
