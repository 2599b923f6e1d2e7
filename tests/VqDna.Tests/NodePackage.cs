using System.Diagnostics;

namespace VqDna.Tests;

/// <summary>
/// An npm package that a test runs under node (a reference or a second client we did not write), installed
/// once into a prefix outside the repository: scripts/test.sh installs it and names the prefix in an
/// environment variable; without it the package is installed into a cache folder under the temp dir.
/// Shared with bench/tokenize, which compiles this file too.
/// </summary>
internal static class NodePackage
{
    /// <summary>
    /// The npm prefix (whose node_modules holds <paramref name="package"/>), installing it when missing, or null
    /// with the reason it cannot run here (no node, no npm, the install failed).
    /// </summary>
    public static string? Ensure(string package, string version, string prefixVariable, out string reason, TimeSpan? installTimeout = null)
    {
        var prefix = Environment.GetEnvironmentVariable(prefixVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), $"vqdna-{package}-{version}");
        try
        {
            var (code, _, _) = Exec("node", ["--version"], TimeSpan.FromSeconds(10));
            if (code != 0) { reason = "`node --version` failed"; return null; }
        }
        catch (System.ComponentModel.Win32Exception) { reason = "node is not installed (apt-get install nodejs npm)"; return null; }

        if (!File.Exists(Path.Combine(prefix, "node_modules", package, "package.json")))
        {
            Directory.CreateDirectory(prefix);
            try
            {
                var (code, stdout, stderr) = Exec("npm",
                    ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", $"{package}@{version}"],
                    installTimeout ?? TimeSpan.FromSeconds(90));
                if (code != 0) { reason = $"npm install {package}@{version} failed: {stderr.Trim()} {stdout.Trim()}"; return null; }
            }
            catch (System.ComponentModel.Win32Exception) { reason = "npm is not installed"; return null; }
            catch (TimeoutException e) { reason = e.Message; return null; }
        }
        reason = "";
        return prefix;
    }

    /// <summary>Runs a tool to its end (killed past <paramref name="timeout"/>) with extra environment variables.</summary>
    public static (int Code, string Stdout, string Stderr) Exec(string tool, string[] args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{tool} {string.Join(' ', args)}` did not finish within {timeout.TotalSeconds:F0} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
