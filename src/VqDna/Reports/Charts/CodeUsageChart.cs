using System.Globalization;

namespace VqDna.Reports.Charts;

/// <summary>
/// Codebook usage as a sorted histogram: for each vocabulary (an HRQ level, or a baseline's token ids), the
/// share of positions each code takes, codes ranked from most to least used. The horizontal axis is the
/// rank as a percentage of the vocabulary, so vocabularies of different sizes share one chart and unused
/// codes show as the flat tail at zero (the paper's "token usage": 100% for VQ/HRQ, 47% for 6-mer).
/// </summary>
public static class CodeUsageChart
{
    /// <summary>Saves the usage of each vocabulary as <paramref name="path"/>.png and .svg.</summary>
    /// <param name="series">Counts per code, one entry per level or tokenizer.</param>
    /// <param name="path">Output path; its extension, if any, is replaced.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static ChartFiles Save(IReadOnlyList<UsageSeries> series, string path, string title = "Codebook usage",
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        if (series.Count == 0) throw new ArgumentException($"code usage chart '{title}': no series given", nameof(series));
        var plot = ChartStyle.NewPlot(new ChartLabels(title, "codes ranked by use (% of the vocabulary)", "share of positions (%)"));
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.Counts.Count == 0) throw new ArgumentException($"code usage chart '{title}': series '{s.Label}' has no codes");
            if (s.Counts.Any(c => c < 0)) throw new ArgumentException($"code usage chart '{title}': series '{s.Label}' has a negative count");
            double total = s.Counts.Sum();
            var sorted = s.Counts.OrderDescending().ToArray();
            int k = sorted.Length, used = sorted.Count(c => c > 0);
            // Step outline: code r covers [r, r+1) of k, so a one-code vocabulary still has a width.
            var xs = new double[k + 1];
            var ys = new double[k + 1];
            for (int r = 0; r <= k; r++)
            {
                xs[r] = 100.0 * r / k;
                ys[r] = total == 0 ? 0 : 100.0 * sorted[Math.Min(r, k - 1)] / total;
            }
            var line = plot.Add.Scatter(xs, ys, ChartStyle.SeriesColor(i, series.Count));
            line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.FillY = true;
            line.FillYColor = line.Color.WithAlpha(0.25);
            line.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"{s.Label}: {used:N0} of {k:N0} codes used ({100.0 * used / k:F1}%), perplexity {Perplexity(sorted, total):F0}");
        }
        plot.Axes.Margins(bottom: 0, left: 0, right: 0.02);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight); // the usage falls from the left: the upper right is empty
        return ChartStyle.Save(plot, path, width, height);
    }

    /// <summary>Saves one series per HRQ level ("level 1 (K 512)", …) from counts per code.</summary>
    public static ChartFiles Save(IReadOnlyList<long[]> countsPerLevel, string path, string title = "Codebook usage per level",
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight) =>
        Save(countsPerLevel.Select((c, l) => new UsageSeries($"level {l + 1} (K {c.Length})", c)).ToList(), path, title, width, height);

    /// <summary>exp(entropy) of the usage distribution: the number of equally used codes with the same entropy.</summary>
    private static double Perplexity(long[] counts, double total) =>
        total == 0 ? 0 : Math.Exp(counts.Where(c => c > 0).Sum(c => -(c / total) * Math.Log(c / total)));
}
