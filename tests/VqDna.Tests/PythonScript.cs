using VqDna.Testing;

namespace VqDna.Tests;

/// <summary>
/// Runs a checked-in script under Debian's /usr/bin/python3 with python3-torch (<see cref="PythonProcess"/>: a missing
/// interpreter or torch fails the test, never skips it).
/// </summary>
internal static class PythonScript
{
    /// <summary>Runs scripts/<paramref name="script"/> with the arguments; returns standard output.</summary>
    public static string Run(string script, params string[] args)
    {
        var path = Path.Combine(RepoData.Root, "scripts", script);
        Assert.True(File.Exists(path), $"{path} is missing");
        return PythonProcess.Run(script, [path, .. args]);
    }
}
