using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace VqDna.Cli.Tests;

/// <summary>
/// Runs the built command as a user would: `dotnet src/VqDna.Cli/bin/&lt;Configuration&gt;/net10.0/VqDna.Cli.dll ARGS`
/// (the program ./vqdna runs), or the ./vqdna launcher itself, in a child process with standard streams redirected.
/// One thread per test run: the child gets VQDNA_THREADS=1 so parallel tests do not fight over the cores.
/// </summary>
public static class CliRunner
{
    /// <summary>The repository root, found from this source file's location at compile time.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", ".."));

    /// <summary>The built command, of the same configuration as these tests.</summary>
    public static string Dll { get; } = Path.Combine(Root, "src", "VqDna.Cli", "bin",
        typeof(CliRunner).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release", "net10.0", "VqDna.Cli.dll");

    /// <summary>The ./vqdna launcher (checks Debian packages, rebuilds Release when sources changed, then runs).</summary>
    public static string Launcher => Path.Combine(Root, "vqdna");

    /// <summary>A file under data/ (the embedded genomes and their siblings).</summary>
    public static string Data(string relative) => Path.Combine(Root, "data", relative);

    /// <summary>A file under tests/VqDna.Tests/TestData/.</summary>
    public static string TestData(string relative) => Path.Combine(Root, "tests", "VqDna.Tests", "TestData", relative);

    /// <summary>Runs `vqdna ARGS` and waits for it (at most <paramref name="timeout"/>, default 5 minutes).</summary>
    /// <param name="args">The arguments, as a user types them (already split).</param>
    /// <param name="stdin">Text fed to standard input (then closed); null: standard input is closed at once.</param>
    /// <param name="workingDirectory">Where it runs; default: the repository root.</param>
    /// <param name="environment">Extra environment variables (null values remove a variable).</param>
    /// <param name="launcher">Run through ./vqdna instead of the built dll.</param>
    /// <param name="timeout">How long to wait before killing it.</param>
    public static CliResult Run(IReadOnlyList<string> args, string? stdin = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, bool launcher = false, TimeSpan? timeout = null)
    {
        if (!launcher && !File.Exists(Dll)) throw new FileNotFoundException($"the command is not built: {Dll}");
        var start = new ProcessStartInfo(launcher ? Launcher : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Root,
        };
        if (!launcher) start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["VQDNA_HOME"] = Root;
        start.Environment["VQDNA_THREADS"] = "1";
        start.Environment["DOTNET_GCgen0size"] = "0x200000";
        start.Environment.Remove("NO_COLOR");
        start.Environment.Remove("VQDNA_DEBUG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`vqdna {string.Join(' ', args)}` did not finish in time\n{stdout.Result}\n{stderr.Result}");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result, string.Join(' ', args));
    }

    /// <summary>Runs `vqdna ARGS` with default settings.</summary>
    public static CliResult Run(params string[] args) => Run((IReadOnlyList<string>)args);

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
