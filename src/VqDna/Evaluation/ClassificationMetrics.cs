namespace VqDna.Evaluation;

/// <summary>
/// Scores of a classifier on a labelled split: accuracy, macro F1 (the variant task's metric) and
/// Matthews correlation (GUE's metric; for more than two classes, Gorodkin's R_K generalisation).
/// </summary>
public sealed record ClassificationMetrics(double Accuracy, double MacroF1, double Mcc, int Count)
{
    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="truth"/>, class indices in [0, <paramref name="classes"/>).
    /// </summary>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} labels but {predicted.Count} predictions");
        if (truth.Count == 0) throw new ArgumentException("no examples to score");
        var confusion = new long[classes, classes];
        for (int i = 0; i < truth.Count; i++) confusion[truth[i], predicted[i]]++;
        return new ClassificationMetrics(AccuracyOf(confusion, classes), MacroF1Of(confusion, classes), MccOf(confusion, classes), truth.Count);
    }

    private static double AccuracyOf(long[,] c, int k)
    {
        long correct = 0, total = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) { total += c[i, j]; if (i == j) correct += c[i, j]; }
        return (double)correct / total;
    }

    /// <summary>Mean over classes of F1 = 2·TP / (2·TP + FP + FN); a class absent from both truth and predictions is skipped.</summary>
    private static double MacroF1Of(long[,] c, int k)
    {
        double sum = 0;
        int counted = 0;
        for (int x = 0; x < k; x++)
        {
            long tp = c[x, x], fp = 0, fn = 0;
            for (int y = 0; y < k; y++)
            {
                if (y == x) continue;
                fp += c[y, x];
                fn += c[x, y];
            }
            if (tp + fp + fn == 0) continue;
            sum += 2.0 * tp / (2.0 * tp + fp + fn);
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }

    /// <summary>R_K = (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)); equals the usual MCC for two classes, 0 when undefined.</summary>
    private static double MccOf(long[,] c, int k)
    {
        double s = 0, correct = 0, sumPt = 0, sumP2 = 0, sumT2 = 0;
        var t = new double[k];
        var p = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                s += c[i, j];
                t[i] += c[i, j];
                p[j] += c[i, j];
                if (i == j) correct += c[i, j];
            }
        for (int i = 0; i < k; i++) { sumPt += p[i] * t[i]; sumP2 += p[i] * p[i]; sumT2 += t[i] * t[i]; }
        double denominator = Math.Sqrt((s * s - sumP2) * (s * s - sumT2));
        return denominator == 0 ? 0 : (correct * s - sumPt) / denominator;
    }
}
