namespace VqDna.Reports.Charts;

/// <summary>One system's scores on every task of a bar chart: mean and standard deviation over runs (seeds).</summary>
/// <param name="Label">Legend text (e.g. the tokenizer).</param>
/// <param name="Mean">Mean score per task, in the chart's task order; NaN for a task this system was not run on.</param>
/// <param name="Std">Standard deviation per task (0 for a single run).</param>
public sealed record ScoreSeries(string Label, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
