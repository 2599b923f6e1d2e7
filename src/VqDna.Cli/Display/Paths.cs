namespace VqDna.Cli.Display;

/// <summary>Where the repository's embedded data lives: $VQDNA_HOME (set by the launcher), else the working folder.</summary>
internal static class Paths
{
    public static string Home => Environment.GetEnvironmentVariable("VQDNA_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory();

    public static string EmbeddedGenomes => Path.Combine(Home, "data", "genomes");

    /// <summary>The files of the embedded default corpus.</summary>
    public static string[] DefaultCorpus()
    {
        if (!Directory.Exists(EmbeddedGenomes))
            throw new DirectoryNotFoundException($"the embedded corpus '{EmbeddedGenomes}' was not found; pass corpus files, or run from the repository (./vqdna sets VQDNA_HOME)");
        return Directory.GetFiles(EmbeddedGenomes).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A path as shown to the user: "-" reads as standard output.</summary>
    public static string Describe(string path) => path == "-" ? "standard output" : path;
}
