using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VqDna.Export;
using VqDna.Models.Tokenizer;
using VqDna.Sequences;
using VqDna.Sequences.Readers;
using VqDna.Tests.Analysis.Variants;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using Xunit.Abstractions;

namespace VqDna.Tests.Export;

public sealed class TokenizerOnnxExportTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainedHrqTokenizerPassesTheCheckerAndMatchesLibtorchOnPhageLambda()
    {
        using var temp = RepoData.NewTempFolder();
        var folder = TinyTokenizer.Train(temp.File("hrq"));
        var onnx = temp.File("tokenizer.onnx");
        long bytes = TokenizerOnnxExport.Export(folder, onnx);
        Assert.Equal(new FileInfo(onnx).Length, bytes);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp-*"));                          // written atomically, nothing left behind

        var report = OnnxCheck.Run(onnx);
        Assert.Equal(17, report.GetProperty("opset").GetProperty("ai.onnx").GetInt32());
        Assert.Equal(8, report.GetProperty("ir_version").GetInt32());
        Assert.Equal(["nucleotides"], OnnxCheck.Names(report, "inputs"));
        Assert.Equal(["codes_level1", "margin_level1", "near_tie_level1", "codes_level2", "margin_level2", "near_tie_level2", "embedding"],
            OnnxCheck.Names(report, "outputs"));
        var shape = report.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetString()!).ToArray();
        Assert.Equal(["batch", "length"], shape);                                          // dynamic batch and length

        using var model = VqTokenizerFolder.Load(folder);
        var comparison = Compare(model, onnx, LambdaSlices(batch: 3, length: 1500), batch: 3, length: 1500);
        Assert.Equal(0, comparison.UnexplainedMismatches);
        Assert.InRange(comparison.MaxEmbeddingDifference, 0, 1e-4);

        using var session = new InferenceSession(onnx);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("tokenizer", metadata[OnnxMetadataKeys.Kind]);
        Assert.Equal("hrq", metadata[OnnxMetadataKeys.TokenizerType]);
        Assert.Equal("2", metadata[OnnxMetadataKeys.Levels]);
        Assert.Contains("\"codebook_size\":32", metadata[OnnxMetadataKeys.Config]);
        Assert.Contains("\"[MASK]\":4", metadata[OnnxMetadataKeys.SpecialTokens]);
        Assert.Contains("near_tie_level2", metadata[OnnxMetadataKeys.Outputs]);
    }

    /// <summary>The quantizer options the trained presets leave off: one level, three levels with a low-dimensional lookup, cosine codes.</summary>
    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(3, 8, false)]
    [InlineData(2, 0, true)]
    public void EveryQuantizerOptionMatchesLibtorch(int levels, int lookupDim, bool cosine)
    {
        using var temp = RepoData.NewTempFolder();
        torch.manual_seed(7);
        var config = new VqTokenizerConfig(Width: 32, Blocks: 3, CodebookSize: 16, CodeDim: 16, Levels: levels, Cosine: cosine, LookupDim: lookupDim);
        using var model = new VqTokenizerModel(config);
        model.Eval();
        var onnx = temp.File("tokenizer.onnx");
        TokenizerOnnxExport.Export(model, onnx);
        var report = OnnxCheck.Run(onnx);
        Assert.Equal(3 * levels + 1, OnnxCheck.Names(report, "outputs").Length);

        var comparison = Compare(model, onnx, LambdaSlices(batch: 2, length: 700), batch: 2, length: 700);
        Assert.Equal(0, comparison.UnexplainedMismatches);
        Assert.InRange(comparison.MaxEmbeddingDifference, 0, 1e-4);
    }

    /// <summary>Non-overlapping slices of phage lambda (no N), as nucleotide ids.</summary>
    private static long[] LambdaSlices(int batch, int length)
    {
        var genome = SequenceFile.Read(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")).Single().Sequence;
        var ids = new long[batch * length];
        for (int b = 0; b < batch; b++)
            NucleotideIds.Encode(genome.AsSpan(5000 + b * 2 * length, length), ids.AsSpan(b * length, length));
        return ids;
    }

    private sealed record Comparison(int Positions, int Mismatches, int TiePositions, int UnexplainedMismatches, double MaxEmbeddingDifference);

    /// <summary>
    /// Runs both engines on the same ids. A code may differ only where ONNX flags a near-tie at that level or a
    /// coarser one (a level's input depends on the previous level's code); the embedding is compared elsewhere.
    /// </summary>
    private Comparison Compare(VqTokenizerModel model, string onnx, long[] ids, int batch, int length)
    {
        var c = model.Config;
        int[][] torchCodes;
        float[] torchEmbedding;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var encoded = model.Encode(torch.tensor(ids, [batch, length]));
            torchCodes = encoded.Indices.Select(t => t.ToArray<long>().Select(v => (int)v).ToArray()).ToArray();
            torchEmbedding = encoded.Embedding.ToArray<float>();
            foreach (var t in encoded.Indices) t.Dispose();
            encoded.Embedding.Dispose();
            encoded.CommitmentLoss.Dispose();
        }

        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<long>(ids, [batch, length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(TokenizerOnnxExport.InputName, input)]);
        T[] Output<T>(string name) => results.Single(r => r.Name == name).AsTensor<T>().ToArray();

        int positions = batch * length, mismatches = 0, unexplained = 0;
        var tie = new bool[positions];
        for (int level = 1; level <= c.Levels; level++)
        {
            var codes = Output<long>(TokenizerOnnxExport.CodesOutput(level));
            var nearTie = Output<bool>(TokenizerOnnxExport.NearTieOutput(level));
            var margin = Output<float>(TokenizerOnnxExport.MarginOutput(level));
            Assert.All(margin, m => Assert.True(m >= 0));
            for (int p = 0; p < positions; p++)
            {
                tie[p] |= nearTie[p];
                if (codes[p] == torchCodes[level - 1][p]) continue;
                mismatches++;
                if (!tie[p]) unexplained++;
            }
        }
        var embedding = Output<float>(TokenizerOnnxExport.EmbeddingOutput);
        Assert.Equal(torchEmbedding.Length, embedding.Length);
        double maxDifference = 0;
        for (int p = 0; p < positions; p++)
        {
            if (tie[p]) continue;
            for (int i = 0; i < c.CodeDim; i++)
                maxDifference = Math.Max(maxDifference, Math.Abs(embedding[p * c.CodeDim + i] - torchEmbedding[p * c.CodeDim + i]));
        }
        var result = new Comparison(positions, mismatches, tie.Count(t => t), unexplained, maxDifference);
        output.WriteLine($"{c.Kind} levels {c.Levels} lookup {c.LookupDim} cosine {c.Cosine}: {result}");
        return result;
    }
}
