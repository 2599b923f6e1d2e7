using ScottPlot;

namespace VqDna.Reports.Charts;

/// <summary>
/// Grouped bars: one group per task, one bar per system (tokenizer) with its mean score and a ± standard
/// deviation error bar, the mean written above each bar.
/// </summary>
public static class ScoreBarsChart
{
    // Pixel budgets at the shared style's 13-point text: the legend and the y axis, one bar at least, a mean
    // written inside a bar ("0.123" in bold), and one character of a task name.
    private const int LegendAndAxesPixels = 200;
    private const int MinBarPixels = 24;
    private const int ValueLabelPixels = 48;
    private const double TickCharacterPixels = 7.5;

    /// <summary>Saves the bars as <paramref name="path"/>.png and .svg.</summary>
    /// <param name="tasks">Group names along the horizontal axis.</param>
    /// <param name="series">One entry per system, each with a mean and std per task (NaN mean: no bar).</param>
    /// <param name="path">Output path; its extension, if any, is replaced.</param>
    /// <param name="labels">Title and axis labels (the y label names the metric, e.g. "test MCC").</param>
    /// <param name="width">Pixels; 0 (the default) widens the chart past <see cref="ChartStyle.DefaultWidth"/> as bars are added.</param>
    /// <param name="height">Pixels.</param>
    public static ChartFiles Save(IReadOnlyList<string> tasks, IReadOnlyList<ScoreSeries> series, string path, ChartLabels labels,
        int width = 0, int height = ChartStyle.DefaultHeight)
    {
        if (tasks.Count == 0 || series.Count == 0) throw new ArgumentException($"bar chart '{labels.Title}': needs at least one task and one series");
        if (width == 0) width = Math.Max(ChartStyle.DefaultWidth, LegendAndAxesPixels + tasks.Count * series.Count * MinBarPixels);
        var plot = ChartStyle.NewPlot(labels);
        const double groupWidth = 0.8;
        double barWidth = groupWidth / series.Count;
        // A mean written inside a bar narrower than the number overflows into its neighbours: leave it to the table then.
        bool valueLabels = (width - LegendAndAxesPixels) * barWidth / tasks.Count >= ValueLabelPixels;
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
                    ErrorSize = barWidth * 0.4, // ScottPlot's default whiskers are wider than a bar of five and cross into the neighbours
                    Size = barWidth * 0.9,
                    FillColor = color,
                    Label = valueLabels ? scores.Mean[t].ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "",
                    CenterLabel = true, // above the bar the label would collide with the error bar
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = scores.Label;
            plottable.ValueLabelStyle.ForeColor = Colors.White;
            plottable.ValueLabelStyle.Bold = true;
            plottable.ValueLabelStyle.FontSize = 13;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, tasks.Count).Select(t => (double)t).ToArray(), tasks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // Task names wider than their group would run into each other: slant them and make room below.
        int longest = tasks.Max(t => t.Length);
        if (longest * TickCharacterPixels > (width - LegendAndAxesPixels) / (double)tasks.Count)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
            plot.Axes.Bottom.MinimumSize = (float)Math.Min(height * 0.4, 30 + longest * TickCharacterPixels * 0.5);
        }
        plot.HideGrid();
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Axes.AutoScale();
        // ScottPlot scales to the bars, not their whiskers: a mean of 0.267 ± 0.378 drew its lower whisker below the axis, cut off.
        var (low, high) = ValueRange(series);
        double span = Math.Max(high - low, 1e-9);
        plot.Axes.SetLimitsY(low < 0 ? low - 0.05 * span : 0, high + 0.15 * span);
        plot.ShowLegend(Edge.Right); // inside, a corner legend would cover a bar (bars fill from zero up)
        return ChartStyle.Save(plot, path, width, height);
    }

    /// <summary>The value axis's data range: zero (where bars start) and every drawn bar's mean ± its standard deviation.</summary>
    internal static (double Low, double High) ValueRange(IReadOnlyList<ScoreSeries> series)
    {
        double low = 0, high = 0;
        foreach (var scores in series)
            for (int t = 0; t < scores.Mean.Count; t++)
            {
                double mean = scores.Mean[t];
                if (double.IsNaN(mean)) continue;
                double error = double.IsFinite(scores.Std[t]) ? Math.Abs(scores.Std[t]) : 0;
                low = Math.Min(low, mean - error);
                high = Math.Max(high, mean + error);
            }
        return (low, high);
    }
}
