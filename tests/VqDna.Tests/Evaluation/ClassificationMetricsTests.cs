using VqDna.Evaluation;

namespace VqDna.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void BinaryMatchesTheTextbookFormulas()
    {
        // TP=3, FN=1, FP=2, TN=4
        int[] truth = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
        int[] predicted = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];
        var m = ClassificationMetrics.Compute(truth, predicted, 2);
        Assert.Equal(0.7, m.Accuracy, 10);
        double mcc = (3.0 * 4 - 2.0 * 1) / Math.Sqrt(5.0 * 4 * 6 * 5);      // (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))
        Assert.Equal(mcc, m.Mcc, 10);
        double f1Positive = 2.0 * 3 / (2 * 3 + 2 + 1), f1Negative = 2.0 * 4 / (2 * 4 + 1 + 2);
        Assert.Equal((f1Positive + f1Negative) / 2, m.MacroF1, 10);
    }

    [Fact]
    public void PerfectAndConstantPredictions()
    {
        int[] truth = [0, 1, 2, 2, 1, 0];
        Assert.Equal(1.0, ClassificationMetrics.Compute(truth, truth, 3).Mcc, 10);
        var constant = ClassificationMetrics.Compute(truth, [0, 0, 0, 0, 0, 0], 3);
        Assert.Equal(0.0, constant.Mcc, 10);                                 // undefined → 0, as scikit-learn
        Assert.Equal(1.0 / 3, constant.Accuracy, 10);
    }
}
