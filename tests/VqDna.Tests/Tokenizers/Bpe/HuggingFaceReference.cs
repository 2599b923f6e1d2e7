using System.Text.Json;

namespace VqDna.Tests.Tokenizers.Bpe;

/// <summary>
/// Runs the reference implementation, Hugging Face `tokenizers` under node, through
/// TestData/hf/hf_bpe.js. The npm package is taken from $VQDNA_HF_NODE_MODULES (a folder whose
/// node_modules holds `tokenizers`) or installed once into a cache folder under the temp dir
/// (<see cref="NodePackage"/>). Shared with bench/tokenize, which compiles this file too.
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

    /// <summary>The reference, or null with the reason it cannot run here.</summary>
    public static HuggingFaceReference? TryCreate(out string reason, TimeSpan? installTimeout = null)
    {
        var script = new[] { "TestData/hf/hf_bpe.js", "hf_bpe.js" }
            .Select(p => Path.Combine(AppContext.BaseDirectory, p)).FirstOrDefault(File.Exists);
        if (script is null) { reason = $"hf_bpe.js not found beside {AppContext.BaseDirectory}"; return null; }
        var prefix = NodePackage.Ensure("tokenizers", PackageVersion, "VQDNA_HF_NODE_MODULES", out reason, installTimeout ?? TimeSpan.FromSeconds(45));
        return prefix is null ? null : new HuggingFaceReference(script, Path.Combine(prefix, "node_modules"));
    }

    /// <summary>Runs `node hf_bpe.js args…` and returns the JSON object it prints last.</summary>
    public JsonElement Run(params string[] args)
    {
        var (code, stdout, stderr) = NodePackage.Exec("node", [_script, .. args], TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["NODE_PATH"] = _nodePath });
        if (code != 0) throw new InvalidOperationException($"node hf_bpe.js {string.Join(' ', args)} failed (exit {code}): {stderr.Trim()}");
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"node hf_bpe.js {args[0]} printed nothing");
        return JsonDocument.Parse(last).RootElement.Clone();
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
