using System.Text.Json;

namespace VqDna.Reports.Charts;

/// <summary>
/// Training curves from a run's metrics.jsonl (one JSON object per step, as every trainer writes): up to three
/// charts, each only when its fields are present: the loss (training, raw and smoothed, plus the held-out
/// eval_loss), the scores (reconstruction, masked or batch accuracy, and every eval_* score such as dev MCC),
/// and the codes used per batch for each quantizer level (codes_used[]).
/// </summary>
public static class TrainingCurvesChart
{
    /// <summary>File names (without extension) of the three charts.</summary>
    public const string LossName = "curves_loss", ScoresName = "curves_scores", CodeUsageName = "curves_code_usage";

    private static readonly string[] TrainScores = ["reconstruction_accuracy", "masked_accuracy", "accuracy"];

    /// <summary>
    /// Writes the curves of <paramref name="metricsPath"/> beside it (curves_loss, curves_scores, curves_code_usage;
    /// .png and .svg) and returns the files written. <paramref name="runName"/> goes into the titles (default:
    /// the folder's name). A log without any step writes nothing.
    /// </summary>
    public static IReadOnlyList<ChartFiles> SaveBeside(string metricsPath, string? runName = null,
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(metricsPath))!;
        return Save(metricsPath, directory, runName ?? Path.GetFileName(directory), width, height);
    }

    /// <summary>Writes the curves of <paramref name="metricsPath"/> into <paramref name="outputDirectory"/>.</summary>
    public static IReadOnlyList<ChartFiles> Save(string metricsPath, string outputDirectory, string runName,
        int width = ChartStyle.DefaultWidth, int height = ChartStyle.DefaultHeight)
    {
        var log = MetricsSeries.Read(metricsPath);
        var written = new List<ChartFiles>();
        if (log.Count == 0) return written;

        var loss = new List<LineSeries>();
        if (log.Scalar("loss") is { } train) loss.AddRange(RawAndSmoothed("training loss", train));
        if (log.Scalar("eval_loss") is { } eval) loss.Add(eval.Named("held-out loss"));
        if (loss.Count > 0)
            written.Add(LineChart.Save(loss, Path.Combine(outputDirectory, LossName), new ChartLabels($"Loss: {runName}", "step", "loss"), markers: false, width, height));

        var scores = new List<LineSeries>();
        foreach (var name in TrainScores)
            if (log.Scalar(name) is { } s) scores.Add(Smoothed(s).Named($"training {Pretty(name)}{(s.X.Count > SmoothAbove ? " (smoothed)" : "")}"));
        foreach (var name in log.ScalarNames.Where(n => n.StartsWith("eval_", StringComparison.Ordinal) && n != "eval_loss"))
            scores.Add(log.Scalar(name)!.Named("held-out " + Pretty(name["eval_".Length..])));
        if (scores.Count > 0)
            written.Add(LineChart.Save(scores, Path.Combine(outputDirectory, ScoresName),
                new ChartLabels($"Scores: {runName}", "step", "score (accuracy, MCC, F1; 1 = perfect)"), markers: false, width, height));

        if (log.Vector("codes_used") is { Count: > 0 } levels)
        {
            var usage = levels.Select((l, i) => Smoothed(l with { Y = l.Y.Select(v => 100 * v).ToArray() })
                .Named($"level {i + 1}{(l.X.Count > SmoothAbove ? " (smoothed)" : "")}")).ToList();
            written.Add(LineChart.Save(usage, Path.Combine(outputDirectory, CodeUsageName),
                new ChartLabels($"Codes used per training batch: {runName}", "step", "codes used (% of the level's codebook)"), markers: false, width, height));
        }
        return written;
    }

    private const int SmoothAbove = 40;

    private static IEnumerable<LineSeries> RawAndSmoothed(string label, LineSeries raw)
    {
        if (raw.X.Count <= SmoothAbove)
        {
            yield return raw.Named(label);
            yield break;
        }
        yield return raw.Named(label + " (per step)");
        yield return Smoothed(raw).Named(label + " (smoothed)");
    }

    /// <summary>Exponential moving average with a span of ~1/30 of the run, so per-batch noise does not hide the trend.</summary>
    private static LineSeries Smoothed(LineSeries s)
    {
        if (s.X.Count <= SmoothAbove) return s;
        double alpha = 2.0 / (s.X.Count / 30.0 + 1);
        var y = new double[s.Y.Count];
        double average = s.Y[0];
        for (int i = 0; i < y.Length; i++) y[i] = average = double.IsFinite(s.Y[i]) ? alpha * s.Y[i] + (1 - alpha) * average : average;
        return s with { Y = y };
    }

    private static string Pretty(string field) => field switch
    {
        "mcc" => "MCC",
        "f1_macro" => "macro F1",
        _ => field.Replace('_', ' '),
    };

    private static LineSeries Named(this LineSeries s, string label) => s with { Label = label };

    /// <summary>The numeric fields of a metrics log as (step, value) series; arrays become one series per element.</summary>
    private sealed class MetricsSeries
    {
        private readonly Dictionary<string, (List<double> X, List<double> Y)> scalars = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(List<double> X, List<double> Y)>> vectors = new(StringComparer.Ordinal);
        private readonly List<string> order = [];

        public int Count { get; private set; }

        public IEnumerable<string> ScalarNames => order.Where(scalars.ContainsKey);

        public LineSeries? Scalar(string name) => scalars.TryGetValue(name, out var s) ? new LineSeries(name, s.X, s.Y) : null;

        public IReadOnlyList<LineSeries>? Vector(string name) =>
            vectors.TryGetValue(name, out var v) ? v.Select((s, i) => new LineSeries($"{name}[{i}]", s.X, s.Y)).ToList() : null;

        public static MetricsSeries Read(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"metrics log '{path}' does not exist", path);
            var log = new MetricsSeries();
            int lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonDocument doc;
                try { doc = JsonDocument.Parse(line); }
                catch (JsonException) { continue; } // a torn last line from a killed run
                using (doc)
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("step", out var stepElement) || !stepElement.TryGetDouble(out double step))
                        throw new InvalidDataException($"{path}:{lineNumber}: a metrics line needs a numeric \"step\"");
                    log.Add(root, step);
                }
            }
            return log;
        }

        private void Add(JsonElement root, double step)
        {
            Count++;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name == "step") continue;
                if (property.Value.ValueKind == JsonValueKind.Number)
                {
                    if (!scalars.TryGetValue(property.Name, out var s)) { scalars[property.Name] = s = ([], []); order.Add(property.Name); }
                    s.X.Add(step);
                    s.Y.Add(property.Value.GetDouble());
                }
                else if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    if (!vectors.TryGetValue(property.Name, out var v)) vectors[property.Name] = v = [];
                    int i = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Number) continue;
                        while (v.Count <= i) v.Add(([], []));
                        v[i].X.Add(step);
                        v[i].Y.Add(item.GetDouble());
                        i++;
                    }
                }
            }
        }
    }
}
