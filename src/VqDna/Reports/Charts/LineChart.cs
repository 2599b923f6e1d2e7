namespace VqDna.Reports.Charts;

/// <summary>
/// Labelled curves on shared axes, e.g. the rate of changed codes against the distance from a mutation,
/// one curve per tokenizer level.
/// </summary>
public static class LineChart
{
    /// <summary>A series with at most this many points is drawn with markers even when <c>markers</c> is false.</summary>
    public const int SparsePoints = 25;

    /// <summary>Saves the curves as <paramref name="path"/>.png and .svg.</summary>
    /// <param name="series">The curves; each needs as many x as y values.</param>
    /// <param name="path">Output path; its extension, if any, is replaced.</param>
    /// <param name="labels">Title and axis labels.</param>
    /// <param name="markers">Draw a marker at each point of every series (series of at most <see cref="SparsePoints"/> points always have them).</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static ChartFiles Save(IReadOnlyList<LineSeries> series, string path, ChartLabels labels, bool markers = true,
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        if (series.Count == 0) throw new ArgumentException($"line chart '{labels.Title}': no series given", nameof(series));
        var plot = ChartStyle.NewPlot(labels);
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"line chart '{labels.Title}': series '{s.Label}' has {s.X.Count} x values and {s.Y.Count} y values");
            if (s.X.Count == 0) continue;
            var line = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray(), ChartStyle.SeriesColor(i, series.Count));
            line.LegendText = s.Label;
            line.LineWidth = 2;
            // A line alone hides a lone point (one held-out evaluation draws nothing but its legend entry): short series show their points.
            line.MarkerSize = markers || s.X.Count <= SparsePoints ? 6 : 0;
        }
        // Steps and distances are whole numbers: ticks at 1.5 would read as positions that do not exist.
        if (series.All(s => s.X.All(x => !double.IsFinite(x) || x == Math.Round(x))))
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        ChartStyle.PlaceLegend(plot, series.SelectMany(s => s.X.Zip(s.Y)));
        return ChartStyle.Save(plot, path, width, height);
    }
}
