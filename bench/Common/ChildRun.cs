using System.Diagnostics;

namespace VqDna.Bench;

/// <summary>
/// Runs this benchmark again as a child process (one measurement per process: peak RSS only grows within one) and
/// returns the key=value pairs of the child's last line.
/// </summary>
internal static class ChildRun
{
    /// <summary>`dotnet THIS.dll ARGUMENTS…`; a failing child is an error naming <paramref name="what"/> and its output.</summary>
    public static Dictionary<string, string> LastLinePairs(string what, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        var text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"{what} failed (exit {child.ExitCode}): {text}");
        return text.Trim().Split('\n')[^1].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
    }
}
