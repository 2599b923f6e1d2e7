using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Sequences;
using Xunit.Abstractions;

namespace VqDna.Tests.Inference;

/// <summary>
/// ONNX Runtime against libtorch on a real genome with a trained tokenizer (issue 9): the same codes at
/// ≥ 99.99% of positions once near-ties (the graph's near-tie flags: margins within float32 rounding, which
/// libtorch re-decides in float64) are set apart, embeddings within 1e-4,
/// and the windowing guarantee (codes independent of --window and --batch) on the ONNX engine too.
/// </summary>
public sealed class OnnxTokenizerEngineTests(TrainedTinyTokenizer trained, ITestOutputHelper output) : IClassFixture<TrainedTinyTokenizer>
{
    [Fact]
    public void BothEnginesGiveTheSameCodesAndEmbeddingsOnOneBatch()
    {
        const int rows = 25, length = 4000;                                      // 100 kbp of E. coli, never seen in training
        var ids = new long[rows * length];
        NucleotideIds.Encode(TrainedTinyTokenizer.EcoliSlice(rows * length), ids);
        using var torchSide = trained.Load();
        using var onnxSide = trained.Load(engine: InferenceEngine.Onnx);
        var onnx = Assert.IsType<OnnxTokenizerEngine>(onnxSide.Engine);
        onnx.WithMargins = true;
        torchSide.Engine.Run(ids, rows, length, embedding: true);
        onnx.Run(ids, rows, length, embedding: true);

        int d = torchSide.Config.CodeDim;
        for (int level = 0; level < torchSide.Config.Levels; level++)
        {
            var expected = torchSide.Engine.Codes(level);
            var actual = onnx.Codes(level);
            var nearTies = onnx.NearTies(level);
            int differ = 0, ties = 0, tiesDiffer = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                if (nearTies[i]) { ties++; if (expected[i] != actual[i]) tiesDiffer++; }
                else if (expected[i] != actual[i]) differ++;
            }
            output.WriteLine($"level {level + 1}: {differ} of {ids.Length} codes differ away from near-ties; {ties} near-ties, {tiesDiffer} of them with different codes");
            Assert.True(differ <= ids.Length / 10_000, $"level {level + 1}: {differ} of {ids.Length} codes differ away from near-ties ({ties} near-ties)");
        }
        var a = torchSide.Engine.Embedding;
        var b = onnx.Embedding;
        Assert.Equal(ids.Length * d, b.Length);
        int compared = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (Enumerable.Range(0, torchSide.Config.Levels).Any(l => torchSide.Engine.Codes(l)[i] != onnx.Codes(l)[i])) continue;
            compared++;
            for (int j = 0; j < d; j++)
                Assert.True(Math.Abs(a[i * d + j] - b[i * d + j]) <= 1e-4, $"embedding of position {i}, dim {j}: torch {a[i * d + j]}, onnx {b[i * d + j]}");
        }
        Assert.True(compared >= ids.Length * 0.9999, $"only {compared} positions had equal codes on every level");
        output.WriteLine($"embeddings compared at {compared} positions, largest difference {MaxDifference(a, b, d, ids.Length, torchSide.Engine, onnx):G3}");
    }

    private static double MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int d, int positions, ITokenizerEngine x, ITokenizerEngine y)
    {
        double max = 0;
        for (int i = 0; i < positions; i++)
        {
            bool same = true;
            for (int l = 0; l < x.Config.Levels; l++) same &= x.Codes(l)[i] == y.Codes(l)[i];
            if (!same) continue;
            for (int j = 0; j < d; j++) max = Math.Max(max, Math.Abs(a[i * d + j] - b[i * d + j]));
        }
        return max;
    }

    [Fact]
    public void StitchedTokenizingAgreesAcrossEngines()
    {
        var sequence = TrainedTinyTokenizer.EcoliSlice(60_000);
        sequence = sequence[..20_000] + new string('N', 700) + sequence[20_700..];   // an N run splits the record
        using var torchSide = trained.Load();
        using var onnxSide = trained.Load(engine: InferenceEngine.Onnx);
        var expected = torchSide.Encode(sequence);
        var actual = onnxSide.Encode(sequence);
        for (int level = 0; level < expected.Length; level++)
        {
            int differ = expected[level].Zip(actual[level]).Count(p => p.First != p.Second);
            Assert.True(differ <= sequence.Length / 10_000, $"level {level + 1}: {differ} of {sequence.Length} codes differ");
            Assert.All(actual[level].AsSpan(20_000, 700).ToArray(), c => Assert.Equal(VqDna.Tokenizers.Learned.LearnedTokenizer.NCode, c));
        }
    }

    [Fact]
    public void OnTheOnnxEngineCodesDoNotDependOnWindowOrBatch()
    {
        var sequence = TrainedTinyTokenizer.EcoliSlice(30_000);
        using var whole = trained.Load(window: 32_768, engine: InferenceEngine.Onnx);
        int radius = whole.Config.ReceptiveRadius;
        using var small = trained.Load(window: 2 * radius + 37, batch: 3, engine: InferenceEngine.Onnx);
        using var medium = trained.Load(window: 1000, batch: 1, engine: InferenceEngine.Onnx);
        var expected = whole.Encode(sequence);
        foreach (var tokenizer in new[] { small, medium })
            for (int level = 0; level < expected.Length; level++)
                Assert.Equal(expected[level], tokenizer.Encode(sequence)[level]);
    }

    [Fact]
    public void EmbeddingsForTheProbeAgreeAcrossEngines()
    {
        var sequence = TrainedTinyTokenizer.EcoliSlice(12_000);
        var sequences = Enumerable.Range(0, 40).Select(i => sequence.Substring(i * 250, 250)).Append(sequence[..9000]).ToList();   // batched and stitched
        using var torchSide = trained.Load(window: 1024);
        using var onnxSide = trained.Load(window: 1024, engine: InferenceEngine.Onnx);
        var expected = torchSide.MeanEmbeddings(sequences);
        var actual = onnxSide.MeanEmbeddings(sequences);
        for (int i = 0; i < sequences.Count; i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= 1e-4, $"sequence {i}, dim {j}: torch {expected[i, j]}, onnx {actual[i, j]}");
    }
}
