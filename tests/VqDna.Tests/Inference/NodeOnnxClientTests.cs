using System.Text.Json;
using VqDna.Export;
using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Tests.Inference;

/// <summary>
/// A second client we did not write: the exported tokenizer run by ONNX Runtime for Node.js (npm
/// onnxruntime-node) through scripts/onnx/tokenize.mjs, the README's JavaScript example, on a real genome
/// slice, gives the codes our C# engines give. Needs node and npm (scripts/test.sh installs the package);
/// when they are missing the test fails with the reason: it never passes without comparing.
/// </summary>
public sealed class NodeOnnxClientTests(TrainedTinyTokenizer trained) : IClassFixture<TrainedTinyTokenizer>
{
    /// <summary>The npm package version the equivalence was established with (scripts/test.sh installs it).</summary>
    public const string PackageVersion = "1.30.0";

    [Fact]
    public void NodeGivesTheCodesOfOurEngines()
    {
        var prefix = NodePackage.Ensure("onnxruntime-node", PackageVersion, "VQDNA_ORT_NODE_PREFIX", out string reason, TimeSpan.FromMinutes(3));
        Assert.True(prefix is not null, $"onnxruntime-node cannot run: {reason}");
        using var temp = RepoData.NewTempFolder();
        var sequence = TrainedTinyTokenizer.EcoliSlice(50_000);
        // Issue 20: the script wanted a bare sequence; it now reads FASTA as the README says (two records, 60 nt lines).
        var parts = new[] { ("slice_a", sequence[..30_000]), ("slice_b", sequence[30_000..]) };
        File.WriteAllText(temp.File("slice.fa"), string.Concat(parts.Select(p => $">{p.Item1} E. coli\n{string.Join('\n', p.Item2.Chunk(60).Select(c => new string(c)))}\n")));
        using var tokenizer = trained.Load(engine: InferenceEngine.Onnx);
        TokenizerOnnxExport.Export(tokenizer.Model, temp.File("model.onnx"));

        var script = Path.Combine(RepoData.Root, "scripts", "onnx", "tokenize.mjs");
        var (code, stdout, stderr) = NodePackage.Exec("node", [script, temp.File("model.onnx"), temp.File("slice.fa")], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["ORT_NODE_PREFIX"] = prefix! });
        Assert.True(code == 0, $"node tokenize.mjs failed (exit {code}): {stderr.Trim()}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(parts.Length, lines.Length);
        foreach (var (line, (id, part)) in lines.Zip(parts))
        {
            var json = JsonDocument.Parse(line).RootElement;
            Assert.Equal(id, json.GetProperty("id").GetString());
            var node = json.GetProperty("codes").EnumerateArray().Select(level => level.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
            // Node runs each record as one window; ours are stitched 4096-wide windows: the same codes by construction.
            var ours = tokenizer.Encode(part);
            Assert.Equal(tokenizer.Config.Levels, node.Length);
            for (int level = 0; level < node.Length; level++)
            {
                Assert.Equal(part.Length, node[level].Length);
                int differ = ours[level].Zip(node[level]).Count(p => p.First != p.Second);
                Assert.True(differ <= part.Length / 10_000, $"{id} level {level + 1}: {differ} of {part.Length} codes differ between node and C#");
            }
        }
    }

    /// <summary>
    /// Issue 20: `npm install onnxruntime-node` as the README wrote it failed on Linux x64, its post-install fetching
    /// GPU binaries. The README's install line must pass the flag the package's own install script reads to skip them.
    /// </summary>
    [Fact]
    public void TheReadmesNpmInstallSkipsTheGpuDownloadWithTheFlagTheInstallScriptReads()
    {
        var prefix = NodePackage.Ensure("onnxruntime-node", PackageVersion, "VQDNA_ORT_NODE_PREFIX", out string reason, TimeSpan.FromMinutes(3));
        Assert.True(prefix is not null, $"onnxruntime-node cannot run: {reason}");
        var utils = File.ReadAllText(Path.Combine(prefix!, "node_modules", "onnxruntime-node", "script", "install-utils.js"));
        Assert.Contains("'--onnxruntime-node-install='", utils);                                    // the option it parses
        Assert.Contains("case 'skip':", utils.Replace("\"", "'"));                                  // and its value that installs nothing
        var readme = File.ReadAllText(Path.Combine(RepoData.Root, "README.md"));
        Assert.Contains("npm install onnxruntime-node --onnxruntime-node-install=skip", readme);
    }
}
