namespace VqDna.Reports.Charts;

/// <summary>Points in 2-D coloured by class with a legend, e.g. per-genome embeddings projected by PCA or t-SNE.</summary>
public static class ScatterChart
{
    /// <summary>Saves the points as <paramref name="path"/>.png and .svg; classes appear in the legend in order of first appearance.</summary>
    /// <param name="x">First coordinate per point.</param>
    /// <param name="y">Second coordinate per point.</param>
    /// <param name="classes">Class name per point (the colour).</param>
    /// <param name="path">Output path; its extension, if any, is replaced.</param>
    /// <param name="labels">Title and axis labels.</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static ChartFiles Save(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> classes, string path, ChartLabels labels,
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        if (x.Count != y.Count || x.Count != classes.Count)
            throw new ArgumentException($"scatter chart '{labels.Title}': {x.Count} x, {y.Count} y and {classes.Count} class values; expected equal counts");
        if (x.Count == 0) throw new ArgumentException($"scatter chart '{labels.Title}': no points given", nameof(x));
        var plot = ChartStyle.NewPlot(labels);
        var order = classes.Distinct(StringComparer.Ordinal).ToList();
        for (int c = 0; c < order.Count; c++)
        {
            var members = Enumerable.Range(0, x.Count).Where(i => classes[i] == order[c]).ToList();
            var points = plot.Add.Scatter(members.Select(i => x[i]).ToArray(), members.Select(i => y[i]).ToArray(), ChartStyle.SeriesColor(c, order.Count));
            points.LineWidth = 0;
            points.MarkerSize = 8;
            points.LegendText = $"{order[c]} ({members.Count})";
        }
        plot.ShowLegend(ScottPlot.Edge.Right);
        return ChartStyle.Save(plot, path, width, height);
    }
}
