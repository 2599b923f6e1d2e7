using VqDna.Evaluation;

namespace VqDna.Training.Finetuning;

/// <summary>Scores on one split, as metrics.json writes them.</summary>
/// <param name="Mcc">Matthews correlation (GUE's metric; Gorodkin's R_K for more than two classes).</param>
/// <param name="F1Macro">Macro F1 (the variant task's metric).</param>
/// <param name="Accuracy">Fraction correct.</param>
/// <param name="Count">Examples scored.</param>
/// <param name="Confusion">Counts [true class][predicted class], classes in labels.json order.</param>
public sealed record SplitMetrics(double Mcc, double F1Macro, double Accuracy, int Count, long[][] Confusion)
{
    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="truth"/> (class indices below <paramref name="classes"/>), with the
    /// confusion matrix.
    /// </summary>
    public static SplitMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        var m = ClassificationMetrics.Compute(truth, predicted, classes);
        var confusion = Enumerable.Range(0, classes).Select(_ => new long[classes]).ToArray();
        for (int i = 0; i < truth.Count; i++) confusion[truth[i]][predicted[i]]++;
        return new SplitMetrics(m.Mcc, m.MacroF1, m.Accuracy, truth.Count, confusion);
    }

    /// <summary>The scores a dev evaluation logs to metrics.jsonl (and the curves draw): MCC, macro F1, accuracy.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics() =>
        new Dictionary<string, double> { ["mcc"] = Mcc, ["f1_macro"] = F1Macro, ["accuracy"] = Accuracy };
}
