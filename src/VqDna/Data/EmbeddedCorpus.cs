namespace VqDna.Data;

/// <summary>
/// The embedded default corpus (data/genomes: 11 small real genomes, data/README.md): what every trainer
/// uses when no files are given. The repository root is $VQDNA_HOME (set by the launcher), else the
/// working folder.
/// </summary>
public static class EmbeddedCorpus
{
    /// <summary>The repository root the embedded data is read from.</summary>
    public static string Home => Environment.GetEnvironmentVariable("VQDNA_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory();

    /// <summary>The folder of the embedded genomes.</summary>
    public static string Folder => Path.Combine(Home, "data", "genomes");

    /// <summary>The embedded genome files in ordinal order (so the corpus fingerprint does not depend on the file system).</summary>
    public static string[] Files()
    {
        if (!Directory.Exists(Folder))
            throw new DirectoryNotFoundException($"the embedded corpus '{Folder}' was not found; pass corpus files, or run from the repository (./vqdna sets VQDNA_HOME)");
        return Directory.GetFiles(Folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }
}
