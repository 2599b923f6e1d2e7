using Microsoft.ML.OnnxRuntime;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Export;
using VqDna.ModelFolders;
using VqDna.Models.Baselines;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using Xunit.Abstractions;

namespace VqDna.Tests.Export;

/// <summary>
/// `vqdna export --onnx` of the models `vqdna baseline` writes: the graph ONNX Runtime runs gives what vqdna gives on
/// the same rows, batched with padding, with N inside, and shorter than the CNN's two pools or than k.
/// </summary>
public sealed class BaselineOnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    private static readonly LabelSet Labels = new(["first", "second", "third"]);

    /// <summary>Real bases of uneven lengths: N runs inside and at the ends, rows of 1, 5 and 8 bases, one of 700.</summary>
    private static List<string> Sequences()
    {
        var genome = SequenceFile.Read(RepoData.Data("genomes/vcholerae_O395_200kb.fa.gz")).First().Sequence;
        var sequences = Enumerable.Range(0, 8).Select(i => genome.Substring(40_000 + i * 1000, 30 + 41 * i)).ToList();
        sequences[1] = sequences[1][..12] + "N" + sequences[1][13..];
        sequences[2] = "NN" + sequences[2][2..40] + new string('N', 9) + sequences[2][49..^1] + "N";
        sequences.AddRange(["G", "ACNGT", genome.Substring(70_000, 8), genome.Substring(80_000, 700), new string('N', 20)]);
        return sequences;
    }

    [Fact]
    public void TheCnnGraphScoresEveryRowAsVqdnaDoes()
    {
        torch.manual_seed(11);
        var directory = temp.File("cnn");
        using (var model = new OneHotCnn(new OneHotCnnConfig(Labels.Count, Channels: 16, KernelSize: 5, PoolSize: 3)))
            OneHotCnnFolder.Save(model, directory);
        Labels.Save(Path.Combine(directory, LabelSet.FileName));

        var (max, expected) = ExportAndCompare(directory, "cnn");
        double spread = expected.Max(p => p[0]) - expected.Min(p => p[0]);
        output.WriteLine($"cnn: {expected.Length} rows of 1-700 nt batched, max |Δp| = {max:G3}, spread of p(first) over the rows {spread:G3}");
        Assert.InRange(max, 0, 1e-5);
        Assert.True(spread > 1e-3, "the random network scores every row alike: the comparison would be weak");
    }

    [Fact]
    public void TheKmerGraphScoresEveryRowAsVqdnaDoes()
    {
        int k = 4, dimension = KmerFrequencies.Dimension(k);
        var random = new Random(3);
        float[] Draw(int n, float scale, float offset) => Enumerable.Range(0, n).Select(_ => offset + scale * (float)random.NextDouble()).ToArray();
        var regression = new StandardizedLinearModel(Draw(dimension, 0.01f, 0f), Draw(dimension, 0.02f, 0.001f),
            Draw(Labels.Count * dimension, 2f, -1f), Draw(Labels.Count, 1f, -0.5f), Labels.Count);
        var directory = temp.File("kmer-lr");
        new KmerLogisticRegression(k, regression).Save(directory);
        Labels.Save(Path.Combine(directory, LabelSet.FileName));

        var (max, expected) = ExportAndCompare(directory, "kmer-lr");
        output.WriteLine($"kmer-lr (k {k}): max |Δp| = {max:G3}");
        Assert.InRange(max, 0, 1e-4);
        Assert.True(expected.Select(p => Array.IndexOf(p, p.Max())).Distinct().Count() > 1, "the random regression answers one class for every row: the comparison would be weak");
    }

    [Fact]
    public void ABaselineOutputFolderIsRefusedNamingItsModels()
    {
        var directory = temp.File("out");
        using (var model = new OneHotCnn(new OneHotCnnConfig(2)))
            OneHotCnnFolder.Save(model, Path.Combine(directory, "cnn"));
        var error = Assert.Throws<InvalidDataException>(() => OnnxExporter.Export(directory, temp.File("x.onnx")));
        Assert.Contains("`vqdna baseline` output folder", error.Message);
        Assert.Contains(Path.Combine(directory, "cnn"), error.Message);
        Assert.False(File.Exists(temp.File("x.onnx")));
    }

    /// <summary>Exports <paramref name="directory"/>, checks the file, runs every row in one padded batch; the largest probability difference and vqdna's probabilities.</summary>
    private (double Max, float[][] Expected) ExportAndCompare(string directory, string kind)
    {
        var onnx = temp.File(kind + ".onnx");
        var result = OnnxExporter.Export(directory, onnx);
        Assert.Equal(OnnxExportKind.Baseline, result.Kind);
        Assert.Equal(["nucleotides", "attention_mask"], result.Inputs);
        Assert.Equal(["probabilities", "logits"], result.Outputs);
        OnnxCheck.Run(onnx);

        var sequences = Sequences();
        float[][] expected;
        using (var model = PredictableModel.Load(directory))
            expected = model.Classifier.Probabilities(sequences, 4);

        using var session = new InferenceSession(onnx);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("baseline", metadata[OnnxMetadataKeys.Kind]);
        Assert.Equal(kind, metadata[OnnxMetadataKeys.Baseline]);
        Assert.Contains("first", metadata[OnnxMetadataKeys.Labels]);
        using var results = session.Run(NucleotideInputs.Of(sequences));
        var probabilities = results.Single(r => r.Name == BaselineOnnxExport.ProbabilitiesOutput).AsTensor<float>().ToArray();
        int classes = Labels.Count;
        double max = 0;
        for (int b = 0; b < sequences.Count; b++)
            for (int c = 0; c < classes; c++) max = Math.Max(max, Math.Abs(probabilities[b * classes + c] - expected[b][c]));
        return (max, expected);
    }
}
