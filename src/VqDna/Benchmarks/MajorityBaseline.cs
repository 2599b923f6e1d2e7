using VqDna.Datasets;
using VqDna.Evaluation;

namespace VqDna.Benchmarks;

/// <summary>
/// The floor of a task: the test score of always predicting the training split's most frequent class. A
/// fine-tuned model at this score has learned the class prior and nothing of the sequences (MCC 0; macro F1
/// that class's F1 divided by the class count), which an unbalanced task like the covid variants makes easy to
/// mistake for a result.
/// </summary>
/// <param name="Task">The task folder's name.</param>
/// <param name="Metric">The task's metric (see <see cref="TaskMetric"/>).</param>
/// <param name="Label">The most frequent training class (the first in label order on a tie).</param>
/// <param name="Score">Its test score under <paramref name="Metric"/>.</param>
public sealed record MajorityBaseline(string Task, string Metric, string Label, double Score)
{
    /// <summary>The majority-class floor of <paramref name="task"/>, scored by <paramref name="metric"/> on its test split.</summary>
    public static MajorityBaseline Of(GueTask task, string metric)
    {
        var counts = new int[task.Labels.Count];
        foreach (var example in task.Train) counts[example.Label]++;
        int majority = Array.IndexOf(counts, counts.Max());
        var scores = ClassificationMetrics.Compute(task.Test.Select(e => e.Label).ToList(), Enumerable.Repeat(majority, task.Test.Count).ToList(), task.Labels.Count);
        return new MajorityBaseline(task.Name, metric, task.Labels.Names[majority], TaskMetric.Of(metric, scores.Mcc, scores.MacroF1));
    }
}
