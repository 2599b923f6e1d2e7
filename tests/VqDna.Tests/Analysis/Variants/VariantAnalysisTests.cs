using VqDna.Analysis.Variants;
using VqDna.Datasets.Covid;
using VqDna.Tests.Datasets.Covid;

namespace VqDna.Tests.Analysis.Variants;

public sealed class VariantAnalysisTests
{
    [Fact]
    public void RunsEndToEndOnASyntheticTreeAndWritesTheReport()
    {
        using var temp = RepoData.NewTempFolder();
        var covid = temp.File("covid");
        CovidDataset.Build(SyntheticCovid.WriteBundle(temp.Path), covid, new CovidTaskConfig(Window: 500), referenceFasta: null);
        var hrq = TinyTokenizer.Train(temp.File("hrq"));
        var settings = new VariantAnalysisSettings([hrq], Model: null, covid, MaxDistance: 10, IsolationRadius: 20, BpeVocab: 64, BpeGenomes: 9, TsneIterations: 150);

        var result = VariantAnalysis.Run(settings);
        Assert.Equal(9 * 4 * 3, result.Sites);                                           // every genome carries its variant's 3 defining substitutions
        Assert.Equal(["hrq level 1 (coarse)", "hrq level 2 (fine)", "bpe", "6mer"], result.Curves.Select(c => c.Label));
        Assert.Equal(["hrq mean embedding", "hrq code profile", "bpe token profile", "6mer token profile"], result.Projections.Select(p => p.Feature));
        var projection = result.Projections[0];
        Assert.Equal(16, projection.Dimensions);
        Assert.Equal(32 + 64, result.Projections[1].Dimensions);
        foreach (var s in new[] { projection.SilhouetteOriginal, projection.SilhouettePca, projection.SilhouetteTsne }) Assert.InRange(s, -1, 1);
        Assert.Equal(36, projection.Tsne.GetLength(0));
        Assert.InRange(result.BpeVocabulary, 10, 64);

        var output = temp.File("report");
        VariantReport.Write(output, settings, result, charts: null, environment: new { test = true });
        var csv = File.ReadAllLines(Path.Combine(output, "token_change.csv"));
        Assert.Equal(1 + 4 * 11, csv.Length);
        Assert.Equal(1 + 4 * 2 * 36, File.ReadAllLines(Path.Combine(output, "projections.csv")).Length);
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| hrq level 2 (fine) | 64 |", report);
        Assert.Contains("Figure not drawn", report);
        VariantReport.Write(output, settings, result, new ScottPlotVariantCharts(), environment: new { test = true });
        report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("![Changed-token rate against distance from an isolated defining substitution](token_change.png)", report);
        Assert.Contains("(hrq_mean_embedding_t_sne.png)", report);
        Assert.True(new FileInfo(Path.Combine(output, "token_change.png")).Length > 1000);
        Assert.True(File.Exists(Path.Combine(output, "token_change.svg")));
        Assert.Contains("covid_variant_1kb", report);
        Assert.True(File.Exists(Path.Combine(output, "variants.json")));
    }
}
