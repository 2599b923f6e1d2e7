using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

namespace VqDna.Evaluation;

/// <summary>
/// A linear probe: multinomial logistic regression on frozen features (for tokenizers, mean-pooled
/// embeddings; for the classical baseline, k-mer frequencies), the standard test of how much a
/// representation exposes linearly. Features are standardised with the training split's statistics; the
/// regression trains full-batch with AdamW and weight decay, and the decay with the best dev score is kept.
/// </summary>
public static class LinearProbe
{
    /// <summary>The weight decays tried, the one with the best dev MCC kept.</summary>
    public static readonly IReadOnlyList<double> WeightDecays = [1e-4, 1e-2, 1.0];

    /// <summary>The probe chosen on dev: its scores, its weight decay and its weights.</summary>
    public sealed record Result(ClassificationMetrics Dev, ClassificationMetrics Test, double WeightDecay, StandardizedLinearModel Model);

    /// <param name="train">Training features (N, D) and labels.</param>
    /// <param name="dev">Validation features, to choose the weight decay.</param>
    /// <param name="test">Test features, scored once with the chosen model.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="steps">Full-batch optimizer steps per weight decay tried.</param>
    /// <param name="seed">Seeds the probe's initial weights.</param>
    public static Result Fit((float[,] x, int[] y) train, (float[,] x, int[] y) dev, (float[,] x, int[] y) test, int classes,
        int steps = 300, ulong seed = 0)
    {
        using var scope = torch.NewDisposeScope();
        var (mean, std) = StandardizedLinearModel.Statistics(train.x);
        var xTrain = StandardizedLinearModel.Standardize(train.x, mean, std);
        var xDev = StandardizedLinearModel.Standardize(dev.x, mean, std);
        var xTest = StandardizedLinearModel.Standardize(test.x, mean, std);
        var yTrain = torch.tensor(train.y.Select(v => (long)v).ToArray());

        Result? best = null;
        foreach (var decay in WeightDecays)
        {
            torch.manual_seed(seed);
            using var head = new Linear(xTrain.size(1), classes);
            using var optimizer = new AdamW(head.Parameters(), lr: 0.05, weight_decay: decay);
            for (int step = 0; step < steps; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                F.cross_entropy(head.Forward(xTrain), yTrain).backward();
                optimizer.Step();
                optimizer.ZeroGrad();
            }
            using var noGrad = torch.no_grad();
            var devScore = Score(head, xDev, dev.y, classes);
            if (best is null || devScore.Mcc > best.Dev.Mcc)
                best = new Result(devScore, Score(head, xTest, test.y, classes), decay,
                    new StandardizedLinearModel(mean, std, head.weight.ToArray<float>(), head.bias!.ToArray<float>(), classes));
        }
        return best!;
    }

    private static ClassificationMetrics Score(Linear head, Tensor x, int[] y, int classes)
    {
        var predicted = head.Forward(x).argmax(1).ToArray<long>().Select(v => (int)v).ToArray();
        return ClassificationMetrics.Compute(y, predicted, classes);
    }
}
