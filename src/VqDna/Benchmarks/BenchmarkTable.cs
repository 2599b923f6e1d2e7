using VqDna.Models.Encoder;
using System.Globalization;
using System.Text;
using VqDna.Evaluation;
using VqDna.IO;
using VqDna.Reports.Charts;

namespace VqDna.Benchmarks;

/// <summary>
/// The benchmark table: ranks and averages from the per-seed scores, and the three files that show them
/// (bench.md for people, bench.json with everything, bench.csv one row per task × tokenizer).
/// </summary>
public static class BenchmarkTable
{
    /// <summary>The results table as Markdown, in the benchmark folder.</summary>
    public const string MarkdownFile = "bench.md";
    /// <summary>The results as JSON, in the benchmark folder.</summary>
    public const string JsonFile = "bench.json";
    /// <summary>The results as CSV, in the benchmark folder.</summary>
    public const string CsvFile = "bench.csv";

    /// <summary>The score bars (bench.png and bench.svg): one group per task, one bar per tokenizer, ± std over seeds.</summary>
    public const string ChartFile = "bench";

    /// <summary>
    /// Ranks of <paramref name="values"/> with the highest first (rank 1); values within 1e-12 of each other
    /// share the mean of the places they take (fractional ranking), so the ranks always sum to n(n+1)/2.
    /// </summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start + 1;
            while (end < order.Length && Math.Abs(values[order[end]] - values[order[start]]) <= 1e-12) end++;
            double shared = (start + 1 + end) / 2.0;                  // mean of places start+1..end
            for (int i = start; i < end; i++) ranks[order[i]] = shared;
            start = end;
        }
        return ranks;
    }

    /// <summary>Mean and sample standard deviation (0 for a single value).</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        if (values.Count < 2) return (mean, 0);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// Cells of one task from each tokenizer's per-seed scores (in tokenizer order), ranked by mean.
    /// </summary>
    public static IReadOnlyList<TaskScore> ScoreTask(string task, IReadOnlyList<(string Tokenizer, IReadOnlyList<double> Values, double Minutes)> runs)
    {
        string metric = TaskMetric.For(task);
        var stats = runs.Select(r => MeanStd(r.Values)).ToList();
        var ranks = Ranks(stats.Select(s => s.Mean).ToList());
        return runs.Select((r, i) => new TaskScore(task, metric, r.Tokenizer, stats[i].Mean, stats[i].Std, r.Values, ranks[i], r.Minutes)).ToList();
    }

    /// <summary>Mean rank of <paramref name="tokenizer"/> over the tasks of <paramref name="scores"/>.</summary>
    public static double AverageRank(IReadOnlyList<TaskScore> scores, string tokenizer) =>
        scores.Where(s => s.Tokenizer == tokenizer).Select(s => s.Rank).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Writes bench.md, bench.json, bench.csv and the score bars (bench.png, bench.svg) into <paramref name="directory"/> (each atomically).</summary>
    public static void Write(BenchmarkReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        Chart(report, Path.Combine(directory, ChartFile));
        AtomicFile.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(report));
        JsonFiles.Write(Path.Combine(directory, JsonFile), report);
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), Csv(report));
    }

    /// <summary>Tasks as rows, tokenizers then baselines as columns (mean ± std over seeds, best in bold), then the summaries.</summary>
    public static string Markdown(BenchmarkReport report)
    {
        var s = report.Settings;
        var names = report.Columns;
        var text = new StringBuilder();
        text.AppendLine("# Tokenizer benchmark");
        text.AppendLine();
        var f = s.Finetune;
        var length = f.Optimization.Steps > 0 ? Invariant($"{f.Optimization.Steps} steps") : Invariant($"{f.Epochs} epochs");
        var subset = (f.MaxTrainExamples > 0 ? Invariant($", at most {f.MaxTrainExamples} training examples") : "")
            + (f.MaxDevExamples > 0 ? Invariant($", selected on at most {f.MaxDevExamples} dev examples") : "")
            + (f.Pooling == SequencePooling.Mean ? "" : $", {f.Pooling.Name()} pooling")
            + (f.ReverseComplement ? ", training rows read on their reverse strand half the time (the CNN's too)" : "");
        text.AppendLine(Invariant($"Encoder `{s.Preset.Name()}`, pre-trained {s.PretrainSteps} steps × {s.BatchSize} windows of {s.WindowLength} nt per tokenizer (seed {s.PretrainSeed}); ") +
            Invariant($"fine-tuned {f.Mode.ToString().ToLowerInvariant()}, {length}, batch {f.BatchSize}, lr {f.Optimization.LearningRate}{subset}, {s.Seeds} seed(s). ") +
            "Test-split scores, mean ± std over seeds; each run's model is selected on dev MCC.");
        text.AppendLine();
        // Tasks as rows, one cell per tokenizer (the best in bold), then the task's majority-class floor.
        void TaskRows(Func<string, string, (double Value, string Text)> cell)
        {
            text.AppendLine("| task | metric | " + string.Join(" | ", names) + " | majority class |");
            text.AppendLine("| --- | --- |" + string.Concat(names.Select(_ => " ---: |")) + " ---: |");
            foreach (var task in report.Tasks)
            {
                var cells = names.Select(n => cell(task, n)).ToList();
                double best = cells.Max(c => c.Value);
                text.AppendLine($"| {task} | {TaskMetric.Label(report.MajorityOf(task).Metric)} | " +
                    string.Join(" | ", cells.Select(c => c.Value >= best - 1e-12 ? $"**{c.Text}**" : c.Text)) + Invariant($" | {report.MajorityOf(task).Score:F3} |"));
            }
        }
        TaskRows((task, name) =>
        {
            var score = report.Score(task, name);
            return (score.Mean, Invariant($"{score.Mean:F3} ± {score.Std:F3}"));
        });
        // Summary rows: a tokenizer's cell from its backbone; a baseline has no backbone, so "—" where the row does not apply.
        void Row(string label, Func<TokenizerSummary, string> cell, Func<BaselineSummary, string>? baseline = null) =>
            text.AppendLine($"| {label} | | " + string.Join(" | ", names.Select(n => SummaryCell(report, n, cell, baseline))) + " | |");
        Row("average rank ↓", t => Invariant($"{t.AverageRank:F2}"), b => Invariant($"{b.AverageRank:F2}"));
        Row("tokens / nt", t => Invariant($"{t.TokensPerNucleotide:F3}"));
        Row("pre-train min", t => Invariant($"{t.PretrainMinutes:F1}"));
        // What each backbone saw: equal DNA for every tokenizer, not equal tokens (issue 16: say how much each saw).
        double Seen(TokenizerSummary t) => (double)t.PretrainSteps * s.BatchSize * s.WindowLength;
        Row("pre-train nt seen", t => Invariant($"{Seen(t):N0}"));
        Row("pre-train tokens seen", t => Invariant($"{Math.Round(Seen(t) * t.TokensPerNucleotide):N0}"));
        Row("fine-tune min", t => Invariant($"{t.FinetuneMinutes:F1}"), b => Invariant($"{b.Minutes:F1}"));
        Row("parameters", t => Invariant($"{t.Parameters / 1e6:F2}M"), b => Invariant($"{b.Parameters / 1e6:F2}M"));
        text.AppendLine();
        text.AppendLine("*majority class*: the test score of always predicting the most frequent training class; a tokenizer at that score learned the class prior, not the sequences.");
        if (report.BaselineSummaries.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("*" + string.Join("*, *", report.BaselineSummaries.Select(b => b.Baseline)) + "*: classical baselines, trained from scratch on " +
                "the same training rows and scored on the same test split, no pre-training (kmer-lr: overlapping k-mer frequencies into " +
                "logistic regression, k 3–6 and weight decay chosen on dev; cnn: one-hot bases into a two-block CNN, early-stopped on dev). " +
                "A tokenizer below them has not yet earned its pre-training.");
        }
        text.AppendLine();
        text.AppendLine("## Linear probe of the pre-trained backbones");
        text.AppendLine();
        text.AppendLine("Each backbone frozen; its pooled output (the mean over every token) of each sequence into logistic regression, weight decay chosen on dev MCC. Test scores.");
        text.AppendLine();
        TaskRows((task, name) => report.ProbeOrNull(task, name) is { } probe
            ? (probe.Test, Invariant($"{probe.Test:F3}"))
            : (double.NegativeInfinity, "—"));
        text.AppendLine();
        text.AppendLine($"![Test score per task and tokenizer, mean ± std over seeds]({ChartFile}.png)");
        text.AppendLine();
        text.AppendLine("Equal pre-training steps are equal DNA, not equal FLOPs: a backbone's cost per step grows with its tokens per nucleotide.");
        text.AppendLine(Invariant($"This run trained {report.StagesRun} stage(s) and reused {report.StagesReused}."));
        return text.ToString();
    }

    /// <summary>One row per task × tokenizer, with that tokenizer's summary repeated (tidy data for plotting).</summary>
    public static string Csv(BenchmarkReport report)
    {
        var text = new StringBuilder("task,metric,tokenizer,mean,std,seeds,rank,average_rank,tokens_per_nucleotide,pretrain_minutes,finetune_minutes\n");
        foreach (var score in report.Scores)
        {
            // A baseline has no tokens per nucleotide (empty) and no pre-training (0 minutes).
            var summary = report.Tokenizers.FirstOrDefault(x => x.Tokenizer == score.Tokenizer) is { } t
                ? Invariant($"{t.AverageRank:R},{t.TokensPerNucleotide:R},{t.PretrainMinutes:R}")
                : Invariant($"{report.BaselineSummaries.First(b => b.Baseline == score.Tokenizer).AverageRank:R},,0");
            text.AppendLine(Invariant($"{score.Task},{score.Metric},{score.Tokenizer},{score.Mean:R},{score.Std:R},{score.Values.Count},{score.Rank:R},") +
                summary + Invariant($",{score.FinetuneMinutes:R}"));
        }
        return text.ToString();
    }

    /// <summary>
    /// The score bars. Tasks of both metrics share one axis (both read 1 = perfect), so each task's label names
    /// its metric.
    /// </summary>
    public static ChartFiles Chart(BenchmarkReport report, string path)
    {
        var names = report.Columns;
        var labels = report.Tasks.Select(task => $"{task} ({TaskMetric.Label(report.Score(task, names[0]).Metric)})").ToList();
        var series = names.Select(n => new ScoreSeries(n,
            report.Tasks.Select(task => report.Score(task, n).Mean).ToList(),
            report.Tasks.Select(task => report.Score(task, n).Std).ToList())).ToList();
        int seeds = report.Settings.Seeds;
        return ScoreBarsChart.Save(labels, series, path,
            new ChartLabels(Invariant($"Test score by tokenizer{(report.BaselineSummaries.Count > 0 ? " and classical baseline" : "")} ({(seeds > 1 ? $"mean ± std over {seeds} seeds" : "1 seed")})"), "task", "test score"));
    }

    private static string SummaryCell(BenchmarkReport report, string column, Func<TokenizerSummary, string> tokenizer, Func<BaselineSummary, string>? baseline)
    {
        if (report.Tokenizers.FirstOrDefault(t => t.Tokenizer == column) is { } t) return tokenizer(t);
        var b = report.BaselineSummaries.First(x => x.Baseline == column);
        return baseline is null ? "—" : baseline(b);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
