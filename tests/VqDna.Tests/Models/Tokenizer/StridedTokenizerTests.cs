using VqDna.Analysis;
using VqDna.Export;
using VqDna.ModelFolders;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Tests.Models.Tokenizer;

/// <summary>Issue 21's stride experiment: one code per S bases, measured by the probe; refused where one code per base is assumed.</summary>
public sealed class StridedTokenizerTests
{
    private static VqTokenizerConfig Strided(int stride) => VqTokenizerConfig.Tiny() with { Stride = stride, KMeansInit = false };

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GivesOneCodePerStrideBasesAndALogitPerBase(int stride)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var model = new VqTokenizerModel(Strided(stride));
        var output = model.Forward(torch.randint(0, 5, [2, 48]), torch.tensor(new bool[2 * 48 / stride], [2, 48 / stride]));
        Assert.Equal(new long[] { 2, 48, 5 }, output.Logits.shape);
        Assert.Equal(new long[] { 2, 48 / stride, model.Config.CodeDim }, output.Codes.Embedding.shape);
        foreach (var level in output.Codes.Indices) Assert.Equal(new long[] { 2, 48 / stride }, level.shape);
        output.Loss.backward();
        foreach (var name in new[] { "merge.weight", "split.weight", "stem.weight" })
            Assert.True(model.NamedParameters().Single(p => p.Key == name).Value.grad!.norm().item<double>() > 0, $"{name} received no gradient");
        var error = Assert.Throws<ArgumentException>(() => model.Encode(torch.randint(0, 5, [1, 48 + 1])));
        Assert.Contains($"stride ({stride})", error.Message);
    }

    [Fact]
    public void ACodeSeesOnlyBasesWithinTheReceptiveRadiusOfItsOwn()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        const int stride = 2, length = 96, changedFrom = 44, changedTo = 50;                     // bases 44..49 changed
        using var model = new VqTokenizerModel(Strided(stride));
        model.Eval();
        using var noGrad = torch.no_grad();
        var random = new Random(5);
        var bases = Enumerable.Range(0, length).Select(_ => (long)random.Next(4)).ToArray();
        var changed = bases.Select((b, i) => i is >= changedFrom and < changedTo ? (b + 1) % 4 : b).ToArray();
        var difference = (model.Encode(torch.tensor(bases, [1, length])).Embedding - model.Encode(torch.tensor(changed, [1, length])).Embedding)
            .abs().amax(2).flatten().ToArray<float>();
        int radius = model.Config.ReceptiveRadius;
        Assert.Contains(difference, d => d > 0);
        for (int code = 0; code < difference.Length; code++)
        {
            int first = code * stride, last = first + stride - 1;                 // the bases this code stands for
            bool reaches = last + radius >= changedFrom && first - radius < changedTo;
            if (!reaches) Assert.True(difference[code] == 0, $"code {code} (bases {first}..{last}) changed, outside radius {radius} of bases {changedFrom}..{changedTo - 1}");
        }
    }

    [Fact]
    public void TheWindowedTokenizerAndTheOnnxExportRefuseIt()
    {
        using var model = new VqTokenizerModel(Strided(2));
        var error = Assert.Throws<NotSupportedException>(() => new LearnedTokenizer(model));
        Assert.Contains("one code per 2 bases", error.Message);
        Assert.Contains("one code per 2 bases", Assert.Throws<NotSupportedException>(() => TokenizerOnnxExport.Build(model)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Strided(0).Validate());
    }

    [Fact]
    public void ItTrainsAndItsFolderIsRefusedByTheWindowedTokenizerByName()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"vqdna-strided-{Guid.NewGuid():N}");
        try
        {
            var corpus = GenomeCorpus.Load([RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")]);
            var optimization = new OptimizationConfig(Steps: 30, LearningRate: 2e-3, WarmupSteps: 4, Seed: 3);
            var evaluation = TokenizerTrainer.Train(corpus, new TokenizerTrainingConfig(Strided(2), optimization, WindowLength: 64, BatchSize: 4, EvalBatches: 2), directory);
            Assert.True(evaluation.ReconstructionAccuracy > 0.5, $"reconstruction {evaluation.ReconstructionAccuracy:P1} after 30 steps");
            Assert.Null(evaluation.Context);                                       // the measure pairs a code with its own base
            var error = Assert.Throws<InvalidDataException>(() => LearnedTokenizer.Load(directory));
            Assert.Contains(directory, error.Message);
            Assert.Contains("stride 2", error.Message);
            var onnx = Path.Combine(directory, "strided.onnx");
            var export = Assert.Throws<InvalidDataException>(() => OnnxExporter.Export(directory, onnx));
            Assert.Contains(directory, export.Message);
            Assert.Contains("the ONNX export needs one code per base", export.Message);
            Assert.False(File.Exists(onnx));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                new TokenizerTrainingConfig(Strided(2), optimization, WindowLength: 63, BatchSize: 4).Validate());
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheProbesNetworkPathAgreesWithTheWindowedTokenizerAtStrideOne()
    {
        torch.manual_seed(6);
        using var tokenizer = new LearnedTokenizer(new VqTokenizerModel(VqTokenizerConfig.Tiny() with { KMeansInit = false }), window: 256);
        var random = new Random(6);
        var sequences = Enumerable.Range(0, 7).Select(i => new string(Enumerable.Range(0, i < 4 ? 60 : 90).Select(_ => "ACGT"[random.Next(4)]).ToArray())).ToList();
        var windowed = tokenizer.MeanEmbeddings(sequences);
        var direct = TokenizerProbe.MeanEmbeddings(tokenizer.Model, sequences);
        Assert.Equal(windowed.GetLength(1), direct.GetLength(1));
        for (int i = 0; i < sequences.Count; i++)
            for (int j = 0; j < windowed.GetLength(1); j++)
                Assert.True(Math.Abs(windowed[i, j] - direct[i, j]) < 1e-4, $"sequence {i} dimension {j}: {windowed[i, j]} against {direct[i, j]}");

        using var strided = new VqTokenizerModel(Strided(4));
        var features = TokenizerProbe.MeanEmbeddings(strided, ["ACGTACGTAC", "ACGTACGT"]);   // 10 bases run as their first 8
        for (int j = 0; j < features.GetLength(1); j++) Assert.Equal(features[0, j], features[1, j]);
        var error = Assert.Throws<ArgumentException>(() => TokenizerProbe.MeanEmbeddings(strided, ["ACG"]));
        Assert.Contains("shorter than the tokenizer's stride (4)", error.Message);
    }
}
