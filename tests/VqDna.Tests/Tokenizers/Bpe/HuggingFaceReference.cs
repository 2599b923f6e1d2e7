using System.Diagnostics;
using System.Text.Json;

namespace VqDna.Tests.Tokenizers.Bpe;

/// <summary>
/// Runs the reference implementation, Hugging Face `tokenizers` under node, through
/// TestData/hf/hf_bpe.js. The npm package is taken from $VQDNA_HF_NODE_MODULES (a folder whose
/// node_modules holds `tokenizers`) or installed once into a cache folder under the temp dir.
/// Shared with bench/tokenize, which compiles this file too.
/// </summary>
internal sealed class HuggingFaceReference
{
    /// <summary>The npm package version the equivalence was established with.</summary>
    public const string PackageVersion = "0.23.2";

    private readonly string _script;
    private readonly string _nodePath;

    private HuggingFaceReference(string script, string nodePath)
    {
        _script = script;
        _nodePath = nodePath;
    }

    /// <summary>The folder whose node_modules holds (or will hold) the package.</summary>
    public static string PackageFolder =>
        Environment.GetEnvironmentVariable("VQDNA_HF_NODE_MODULES") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), "vqdna-hf-tokenizers-" + PackageVersion);

    /// <summary>The reference, or null with the reason it cannot run here.</summary>
    public static HuggingFaceReference? TryCreate(out string reason, TimeSpan? installTimeout = null)
    {
        var script = new[] { "TestData/hf/hf_bpe.js", "hf_bpe.js" }
            .Select(p => Path.Combine(AppContext.BaseDirectory, p)).FirstOrDefault(File.Exists);
        if (script is null) { reason = $"hf_bpe.js not found beside {AppContext.BaseDirectory}"; return null; }
        try
        {
            var (code, _, _) = Exec("node", ["--version"], null, TimeSpan.FromSeconds(10));
            if (code != 0) { reason = "`node --version` failed"; return null; }
        }
        catch (System.ComponentModel.Win32Exception) { reason = "node is not installed (apt-get install nodejs npm)"; return null; }

        var folder = PackageFolder;
        var modules = Path.Combine(folder, "node_modules");
        if (!File.Exists(Path.Combine(modules, "tokenizers", "package.json")))
        {
            Directory.CreateDirectory(folder);
            try
            {
                var (code, stdout, stderr) = Exec("npm",
                    ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "tokenizers@" + PackageVersion],
                    null, installTimeout ?? TimeSpan.FromSeconds(45));
                if (code != 0) { reason = $"npm install tokenizers@{PackageVersion} failed: {stderr.Trim()} {stdout.Trim()}"; return null; }
            }
            catch (System.ComponentModel.Win32Exception) { reason = "npm is not installed"; return null; }
            catch (TimeoutException e) { reason = e.Message; return null; }
        }
        reason = "";
        return new HuggingFaceReference(script, modules);
    }

    /// <summary>Runs `node hf_bpe.js args…` and returns the JSON object it prints last.</summary>
    public JsonElement Run(params string[] args)
    {
        var (code, stdout, stderr) = Exec("node", [_script, .. args], _nodePath, TimeSpan.FromMinutes(5));
        if (code != 0) throw new InvalidOperationException($"node hf_bpe.js {string.Join(' ', args)} failed (exit {code}): {stderr.Trim()}");
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"node hf_bpe.js {args[0]} printed nothing");
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    private static (int Code, string Stdout, string Stderr) Exec(string tool, string[] args, string? nodePath, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (nodePath is not null) info.Environment["NODE_PATH"] = nodePath;
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

    /// <summary>A readable description of the first merge where two lists differ, or "" when equal.</summary>
    public static string FirstDifference(IReadOnlyList<(string, string)> expected, IReadOnlyList<(string, string)> actual)
    {
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            if (expected[i] != actual[i])
                return $"merge {i}: reference {expected[i]}, ours {actual[i]}";
        return expected.Count == actual.Count ? "" : $"reference has {expected.Count} merges, ours {actual.Count}";
    }
}
