using System.Runtime.CompilerServices;

namespace VqDna.Tests;

/// <summary>Paths to the real data the tests use: the embedded default under data/ and TestData/.</summary>
internal static class RepoData
{
    /// <summary>The repository root, found from this source file's location at compile time.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", ".."));

    private static string SourcePath([CallerFilePath] string path = "") => path;

    /// <summary>A file under data/.</summary>
    public static string Data(string relative) => Path.Combine(Root, "data", relative);

    /// <summary>A file under TestData/ (copied beside the test assembly).</summary>
    public static string TestData(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    /// <summary>A fresh empty folder under the temp dir, removed by the caller's using.</summary>
    public static TempFolder NewTempFolder() => new();

    internal sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vqdna-tests-" + Guid.NewGuid().ToString("N")[..12]);

        public TempFolder() => Directory.CreateDirectory(Path);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
