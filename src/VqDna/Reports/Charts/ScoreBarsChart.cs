using ScottPlot;

namespace VqDna.Reports.Charts;

/// <summary>
/// Grouped bars: one group per task, one bar per system (tokenizer) with its mean score and a ± standard
/// deviation error bar, the mean written above each bar.
/// </summary>
public static class ScoreBarsChart
{
    /// <summary>Saves the bars as <paramref name="path"/>.png and .svg.</summary>
    /// <param name="tasks">Group names along the horizontal axis.</param>
    /// <param name="series">One entry per system, each with a mean and std per task (NaN mean: no bar).</param>
    /// <param name="path">Output path; its extension, if any, is replaced.</param>
    /// <param name="labels">Title and axis labels (the y label names the metric, e.g. "test MCC").</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static ChartFiles Save(IReadOnlyList<string> tasks, IReadOnlyList<ScoreSeries> series, string path, ChartLabels labels,
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        if (tasks.Count == 0 || series.Count == 0) throw new ArgumentException($"bar chart '{labels.Title}': needs at least one task and one series");
        var plot = ChartStyle.NewPlot(labels);
        const double groupWidth = 0.8;
        double barWidth = groupWidth / series.Count;
        var tops = new List<(double, double)> { (-0.5, 0), (tasks.Count - 0.5, 0) };
        for (int s = 0; s < series.Count; s++)
        {
            var scores = series[s];
            if (scores.Mean.Count != tasks.Count || scores.Std.Count != tasks.Count)
                throw new ArgumentException($"bar chart '{labels.Title}': series '{scores.Label}' has {scores.Mean.Count} means and {scores.Std.Count} stds for {tasks.Count} tasks");
            var color = ChartStyle.SeriesColor(s, series.Count);
            var bars = new List<Bar>();
            for (int t = 0; t < tasks.Count; t++)
            {
                if (double.IsNaN(scores.Mean[t])) continue;
                bars.Add(new Bar
                {
                    Position = t - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = scores.Mean[t],
                    Error = double.IsFinite(scores.Std[t]) ? scores.Std[t] : 0,
                    Size = barWidth * 0.9,
                    FillColor = color,
                    Label = scores.Mean[t].ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                    CenterLabel = true, // above the bar the label would collide with the error bar
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = scores.Label;
            plottable.ValueLabelStyle.ForeColor = Colors.White;
            plottable.ValueLabelStyle.Bold = true;
            plottable.ValueLabelStyle.FontSize = 13;
            tops.AddRange(bars.Select(b => (b.Position, b.Value + b.Error)));
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, tasks.Count).Select(t => (double)t).ToArray(), tasks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ChartStyle.PlaceLegend(plot, tops);
        return ChartStyle.Save(plot, path, width, height);
    }
}
