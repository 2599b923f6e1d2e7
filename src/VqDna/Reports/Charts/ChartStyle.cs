using ScottPlot;
using VqDna.IO;

namespace VqDna.Reports.Charts;

/// <summary>
/// What every chart shares: size, fonts, colours, and saving as PNG + SVG (each written to a temporary file
/// and renamed, so a crash never leaves a torn image).
/// </summary>
internal static class ChartStyle
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 500;

    private const string FontName = "DejaVu Sans";
    private static readonly string[] FontDirectories = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];
    private static readonly Lock FontLock = new();
    private static bool fontsReady;

    /// <summary>A plot with the title and axis labels set, in the shared style.</summary>
    public static Plot NewPlot(ChartLabels labels)
    {
        EnsureFonts();
        var plot = new Plot();
        plot.Title(Wrap(labels.Title), size: 18);
        plot.XLabel(labels.XLabel, size: 15);
        plot.YLabel(labels.YLabel, size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>The widest title line, in characters, that fits the default width at the title's font size.</summary>
    public const int TitleLineLength = 72;

    /// <summary>
    /// A title broken into lines of at most <see cref="TitleLineLength"/> characters, after a comma or at a space, so a run
    /// named by many settings is shown whole rather than cut at the chart's edge.
    /// </summary>
    public static string Wrap(string title)
    {
        var lines = new List<string>();
        var rest = title;
        while (rest.Length > TitleLineLength)
        {
            int cut = rest.LastIndexOf(", ", TitleLineLength, StringComparison.Ordinal) is var comma and > 0 ? comma + 1 : rest.LastIndexOf(' ', TitleLineLength);
            if (cut <= 0) break;
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        lines.Add(rest);
        return string.Join("\n", lines);
    }

    /// <summary>Colour <paramref name="index"/> of a palette with enough distinct colours for <paramref name="count"/> series.</summary>
    public static Color SeriesColor(int index, int count) =>
        count <= 10 ? new ScottPlot.Palettes.Category10().GetColor(index) : new ScottPlot.Palettes.Category20().GetColor(index);

    /// <summary>
    /// Shows the legend inside the plot in the corner that hides the fewest data points (curves that rise
    /// to 1 want it low, falling losses want it high), judged on the points' spread.
    /// </summary>
    public static void PlaceLegend(Plot plot, IEnumerable<(double X, double Y)> points)
    {
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var best = Alignment.UpperRight;
        if (finite.Count > 0)
        {
            double x0 = finite.Min(p => p.X), x1 = finite.Max(p => p.X), y0 = finite.Min(p => p.Y), y1 = finite.Max(p => p.Y);
            double w = Math.Max(x1 - x0, 1e-12), h = Math.Max(y1 - y0, 1e-12);
            // The legend box covers about the outer 45% of the width and 35% of the height of a corner.
            int Hidden(bool right, bool upper) => finite.Count(p =>
                (right ? (p.X - x0) / w > 0.55 : (p.X - x0) / w < 0.45) && (upper ? (p.Y - y0) / h > 0.65 : (p.Y - y0) / h < 0.35));
            var corners = new[] { (Alignment.UpperRight, true, true), (Alignment.LowerRight, true, false), (Alignment.UpperLeft, false, true), (Alignment.LowerLeft, false, false) };
            best = corners.MinBy(c => Hidden(c.Item2, c.Item3)).Item1;
        }
        plot.ShowLegend(best);
    }

    /// <summary>Writes <paramref name="path"/> (extension replaced) as .png and .svg of the given pixel size.</summary>
    public static ChartFiles Save(Plot plot, string path, int width, int height)
    {
        if (width < 100 || height < 100) throw new ArgumentOutOfRangeException(nameof(width), $"chart size {width}x{height} is too small (at least 100x100)");
        var basePath = Path.ChangeExtension(path, null);
        var directory = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        var files = new ChartFiles(basePath + ".png", basePath + ".svg");
        AtomicFile.WriteAllBytes(files.Png, plot.GetImageBytes(width, height, ImageFormat.Png));
        AtomicFile.WriteAllText(files.Svg, plot.GetSvgXml(width, height));
        return files;
    }

    /// <summary>
    /// ScottPlot pulls SkiaSharp's no-dependencies Linux build (no fontconfig): it scans /usr/share/fonts but
    /// resolves no family name, so text comes out in whichever face it finds first (a serif here) and in none
    /// when the folder is empty. DejaVu Sans (Debian's fonts-dejavu-core, installed by scripts/ensure-deps.sh)
    /// is registered from its file and made the default, so every chart has the same sans-serif text.
    /// </summary>
    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (fontsReady) return;
            foreach (var directory in FontDirectories)
            {
                var regular = Path.Combine(directory, "DejaVuSans.ttf");
                if (!File.Exists(regular)) continue;
                Fonts.AddFontFile(FontName, regular, bold: false, italic: false);
                var bold = Path.Combine(directory, "DejaVuSans-Bold.ttf");
                if (File.Exists(bold)) Fonts.AddFontFile(FontName, bold, bold: true, italic: false);
                Fonts.Default = FontName;
                break;
            }
            fontsReady = true;
        }
    }
}
