namespace VqDna.Cli.Display;

/// <summary>Where the repository's embedded data lives: $VQDNA_HOME (set by the launcher), else the working folder.</summary>
internal static class Paths
{
    public static string Home => VqDna.Data.EmbeddedCorpus.Home;

    public static string EmbeddedGenomes => VqDna.Data.EmbeddedCorpus.Folder;

    /// <summary>The files of the embedded default corpus (the library's one definition).</summary>
    public static string[] DefaultCorpus() => VqDna.Data.EmbeddedCorpus.Files();

    /// <summary>A path as shown to the user: "-" reads as standard output.</summary>
    public static string Describe(string path) => path == "-" ? "standard output" : path;
}
