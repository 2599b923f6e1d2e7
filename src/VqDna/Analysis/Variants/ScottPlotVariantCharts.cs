using VqDna.Reports.Charts;

namespace VqDna.Analysis.Variants;

/// <summary>The variant study's figures drawn with the shared ScottPlot charts (PNG + SVG beside each other).</summary>
public sealed class ScottPlotVariantCharts : IVariantCharts
{
    /// <summary>Draws <paramref name="series"/> as a line chart at <paramref name="path"/>; returns the PNG's path.</summary>
    public string Lines(IReadOnlyList<(string Label, double[] X, double[] Y)> series, string path, string title, string xLabel, string yLabel) =>
        LineChart.Save(series.Select(s => new LineSeries(s.Label, s.X, s.Y)).ToList(), path, new ChartLabels(title, xLabel, yLabel)).Png;

    /// <summary>
    /// Draws the points (<paramref name="x"/>, <paramref name="y"/>) coloured by <paramref name="classes"/> at <paramref name="path"/>;
    /// returns the PNG's path.
    /// </summary>
    public string Scatter(double[] x, double[] y, string[] classes, string path, string title, string xLabel, string yLabel) =>
        ScatterChart.Save(x, y, classes, path, new ChartLabels(title, xLabel, yLabel)).Png;
}
