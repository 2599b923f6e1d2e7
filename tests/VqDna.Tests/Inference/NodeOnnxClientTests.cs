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
        File.WriteAllText(temp.File("slice.txt"), sequence + "\n");
        using var tokenizer = trained.Load(engine: InferenceEngine.Onnx);
        TokenizerOnnxExport.Export(tokenizer.Model, temp.File("model.onnx"));

        var script = Path.Combine(RepoData.Root, "scripts", "onnx", "tokenize.mjs");
        var (code, stdout, stderr) = NodePackage.Exec("node", [script, temp.File("model.onnx"), temp.File("slice.txt")], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["ORT_NODE_PREFIX"] = prefix! });
        Assert.True(code == 0, $"node tokenize.mjs failed (exit {code}): {stderr.Trim()}");
        var json = JsonDocument.Parse(stdout).RootElement;
        var node = json.GetProperty("codes").EnumerateArray().Select(level => level.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();

        // Node runs the slice as one window; ours are stitched 4096-wide windows: the same codes by construction.
        var ours = tokenizer.Encode(sequence);
        Assert.Equal(tokenizer.Config.Levels, node.Length);
        for (int level = 0; level < node.Length; level++)
        {
            Assert.Equal(sequence.Length, node[level].Length);
            int differ = ours[level].Zip(node[level]).Count(p => p.First != p.Second);
            Assert.True(differ <= sequence.Length / 10_000, $"level {level + 1}: {differ} of {sequence.Length} codes differ between node and C#");
        }
    }
}
