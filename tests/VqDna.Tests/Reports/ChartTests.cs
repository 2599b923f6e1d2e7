using System.Buffers.Binary;
using System.Xml.Linq;
using SkiaSharp;
using VqDna.Reports.Charts;

namespace VqDna.Tests.Reports;

/// <summary>Every chart kind rendered from small data: a real PNG of the requested size with drawn text and colours, and a parseable SVG.</summary>
public sealed class ChartTests
{
    private static void AssertValidChart(ChartFiles files, int width = 800, int height = 500)
    {
        var png = File.ReadAllBytes(files.Png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var colours = new HashSet<uint>();
        int darkInTitleBand = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (y < 45 && c.Red < 100 && c.Green < 100 && c.Blue < 100) darkInTitleBand++;
            }
        Assert.True(colours.Count > 8, $"{files.Png}: only {colours.Count} colours");
        // The title is dark text in the top band: none means the font did not load and no text was drawn.
        Assert.True(darkInTitleBand > 20, $"{files.Png}: no title text drawn ({darkInTitleBand} dark pixels in the top band)");

        var svg = XDocument.Load(files.Svg);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains("<text", File.ReadAllText(files.Svg), StringComparison.Ordinal);
    }

    [Fact]
    public void ALongTitleIsBrokenAfterCommasIntoLinesThatFitAndAShortOneIsLeftWhole()
    {
        Assert.Equal("Loss: tf_ctcf (hrq, full, mean-max pooling)", ChartStyle.Wrap("Loss: tf_ctcf (hrq, full, mean-max pooling)"));
        const string title = "Scores: tf_ctcf (hrq, full, mean-max pooling, rc-augment, lr 3E-05, warm-up 0, min lr ratio 1, " +
            "weight decay 0.1, dropout 0, linear head, frozen embedding)";
        var lines = ChartStyle.Wrap(title).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, ChartStyle.TitleLineLength));
        Assert.EndsWith("lr 3E-05,", lines[0]);                     // broken after a comma, the comma kept
        Assert.Equal(title, string.Join(" ", lines));
        Assert.Equal(new string('x', 90), ChartStyle.Wrap(new string('x', 90)));  // nowhere to break: left whole
    }

    [Fact]
    public void LineChartRendersLabelledCurves()
    {
        using var dir = RepoData.NewTempFolder();
        var x = Enumerable.Range(-20, 41).Select(d => (double)d).ToArray();
        var files = LineChart.Save(
        [
            new("HRQ level 1", x, x.Select(d => Math.Exp(-Math.Abs(d) / 8)).ToArray()),
            new("HRQ level 2", x, x.Select(d => Math.Exp(-Math.Abs(d) / 3)).ToArray()),
            new("6-mer", x, x.Select(d => Math.Abs(d) < 6 ? 1.0 : 0.0).ToArray()),
        ], dir.File("distance.png"), new ChartLabels("Codes changed around a mutation", "distance from the mutation (bp)", "changed codes (fraction)"));
        Assert.Equal(dir.File("distance.png"), files.Png);
        Assert.Equal(dir.File("distance.svg"), files.Svg);
        AssertValidChart(files);
    }

    [Fact]
    public void ScatterChartColoursEachClass()
    {
        using var dir = RepoData.NewTempFolder();
        var random = new Random(1);
        string[] variants = ["Alpha", "Beta", "Delta", "Gamma"];
        var classes = Enumerable.Range(0, 80).Select(i => variants[i % 4]).ToArray();
        var xs = classes.Select((c, i) => Array.IndexOf(variants, c) * 2 + random.NextDouble()).ToArray();
        var ys = classes.Select(_ => random.NextDouble()).ToArray();
        var files = ScatterChart.Save(xs, ys, classes, dir.File("pca"), new ChartLabels("PCA of genome embeddings", "PC 1", "PC 2"), width: 640, height: 480);
        AssertValidChart(files, 640, 480);
        Assert.Contains("Gamma (20)", File.ReadAllText(files.Svg), StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreBarsShowMeansWithErrorBars()
    {
        using var dir = RepoData.NewTempFolder();
        var files = ScoreBarsChart.Save(["species", "coding"],
        [
            new("hrq", [0.71, 0.55], [0.02, 0.04]),
            new("6mer", [0.64, double.NaN], [0.03, 0]),
            new("char", [0.60, -0.05], [0, 0.01]),
        ], dir.File("scores"), new ChartLabels("Test MCC per task", "task", "test MCC"));
        AssertValidChart(files);
        Assert.Contains("0.710", File.ReadAllText(files.Svg), StringComparison.Ordinal);
    }

    [Fact]
    public void TheValueAxisHoldsEveryWhiskerAndZero()
    {
        // The quickstart's 6mer on coding: 0.267 ± 0.378 over two seeds; its lower whisker reaches below zero.
        var (low, high) = ScoreBarsChart.ValueRange(
        [
            new("hrq", [0.390, 0.329], [0.02, 0.05]),
            new("6mer", [0.267, double.NaN], [0.378, 0]),
            new("kmer-lr", [0.674, 0.724], [double.NaN, 0]),
        ]);
        Assert.Equal(0.267 - 0.378, low, 9);
        Assert.Equal(0.724, high, 9);
        var (positiveLow, positiveHigh) = ScoreBarsChart.ValueRange([new("a", [0.3], [0.2])]);
        Assert.Equal(0.0, positiveLow);                                       // bars start at zero
        Assert.Equal(0.5, positiveHigh, 9);
        var (negativeLow, negativeHigh) = ScoreBarsChart.ValueRange([new("a", [-0.3], [0.1])]);
        Assert.Equal(-0.4, negativeLow, 9);
        Assert.Equal(0.0, negativeHigh);
    }

    [Fact]
    public void ScoreBarsForManyTasksWidenAndLeaveTheMeansToTheTable()
    {
        using var dir = RepoData.NewTempFolder();
        string[] tasks = ["covid_variant_1kb (macro F1)", "H3K4me3 (MCC)", "prom_300_tata (MCC)", "splice_reconstructed (MCC)", "tf_0 (MCC)", "emp_H3 (MCC)", "mouse_tf_1 (MCC)", "species_250bp (MCC)"];
        var random = new Random(3);
        var series = new[] { "char", "6mer", "bpe", "vq", "hrq" }
            .Select(n => new ScoreSeries(n, tasks.Select(_ => random.NextDouble()).ToList(), tasks.Select(_ => random.NextDouble() / 10).ToList())).ToList();
        var files = ScoreBarsChart.Save(tasks, series, dir.File("bench"), new ChartLabels("Test score by tokenizer (mean ± std over 3 seeds)", "task", "test score"));
        AssertValidChart(files, 200 + 8 * 5 * 24, 500);                      // 24 pixels a bar at least, beside the legend and axes
        var svg = File.ReadAllText(files.Svg);
        Assert.Contains("splice_reconstructed (MCC)", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(series[0].Mean[0].ToString("F3", System.Globalization.CultureInfo.InvariantCulture), svg, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeldOutEvaluationAtTheLastStepOnlyIsDrawn()
    {
        // A 10-step pre-training evaluates once, at its end: drawn as a line, that one point was invisible beside its legend entry.
        using var dir = RepoData.NewTempFolder();
        File.WriteAllLines(dir.File("metrics.jsonl"), Enumerable.Range(1, 10).Select(s =>
            $"{{\"step\":{s},\"loss\":{2.2 / s:R},\"masked_accuracy\":{0.3 + s / 100.0:R}" + (s == 10 ? ",\"eval_loss\":0.3,\"eval_masked_accuracy\":0.35}" : "}")));
        var written = TrainingCurvesChart.SaveBeside(dir.File("metrics.jsonl"), "char");
        foreach (var files in written) AssertValidChart(files);
        // The held-out series (second colour) has one point: a line draws nothing there, so its marker must be drawn, beside the legend's.
        var heldOut = new ScottPlot.Palettes.Category10().GetColor(1).ToHex().TrimStart('#');
        int markers = System.Text.RegularExpressions.Regex.Count(File.ReadAllText(written[0].Svg), $"{heldOut}\" cx=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.True(markers >= 2, $"the held-out point is not drawn ({markers} marker(s) of its colour, the legend's included)");
    }

    [Fact]
    public void CodeUsageChartAcceptsLevelsOfDifferentSizes()
    {
        using var dir = RepoData.NewTempFolder();
        var random = new Random(2);
        long[] level1 = Enumerable.Range(0, 32).Select(i => (long)random.Next(1, 100)).ToArray();
        long[] level2 = Enumerable.Range(0, 64).Select(i => i % 3 == 0 ? 0L : random.Next(1, 50)).ToArray();
        var files = CodeUsageChart.Save([level1, level2], dir.File("usage"));
        AssertValidChart(files);
        Assert.Contains("level 2 (K 64)", File.ReadAllText(files.Svg), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CodeUsageChart.Save([new long[] { 1, -1 }], dir.File("bad")));
    }

    [Fact]
    public void TrainingCurvesFollowTheFieldsTheLogHas()
    {
        using var dir = RepoData.NewTempFolder();
        var tokenizer = Path.Combine(dir.Path, "tokenizer");
        Directory.CreateDirectory(tokenizer);
        File.WriteAllLines(Path.Combine(tokenizer, "metrics.jsonl"), Enumerable.Range(1, 60).Select(s =>
            $"{{\"step\":{s},\"loss\":{1.4 / s:R},\"reconstruction_accuracy\":{1 - 0.7 / s:R},\"perplexity\":[{s},{2 * s}],\"codes_used\":[{Math.Min(1, s / 40.0):R},{Math.Min(1, s / 80.0):R}],\"lr\":0.001}}")
            .Append("{\"step\":61,\"loss\":0.0"));
        var written = TrainingCurvesChart.SaveBeside(Path.Combine(tokenizer, "metrics.jsonl"));
        Assert.Equal(["curves_loss.png", "curves_scores.png", "curves_code_usage.png"], written.Select(f => Path.GetFileName(f.Png)));
        foreach (var files in written) AssertValidChart(files);

        var finetune = Path.Combine(dir.Path, "finetune");
        Directory.CreateDirectory(finetune);
        File.WriteAllLines(Path.Combine(finetune, "metrics.jsonl"), Enumerable.Range(1, 12).Select(s =>
            $"{{\"step\":{s},\"loss\":{0.7 / s:R},\"accuracy\":{0.5 + s / 30.0:R}" + (s % 4 == 0 ? $",\"eval_mcc\":{s / 15.0:R},\"eval_f1_macro\":{s / 14.0:R}}}" : "}")));
        written = TrainingCurvesChart.SaveBeside(Path.Combine(finetune, "metrics.jsonl"), "species · hrq");
        Assert.Equal(["curves_loss.png", "curves_scores.png"], written.Select(f => Path.GetFileName(f.Png)));
        Assert.Contains("held-out MCC", File.ReadAllText(written[1].Svg), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(finetune, "curves_code_usage.png")));
    }
}
