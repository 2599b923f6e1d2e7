using System.Diagnostics;
using System.Globalization;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Models.Baselines;
using VqDna.Training.Finetuning;

namespace VqDna.Training.Baselines;

/// <summary>
/// Fits the k-mer baseline: for each k, the frequencies of every split, a linear probe over them (weight decay
/// chosen on dev MCC), and the k whose probe scores best on dev. Test is scored once, with the chosen model.
/// </summary>
public static class KmerLrTrainer
{
    /// <summary>The fitted model and its scores.</summary>
    public sealed record Fitted(KmerLogisticRegression Model, BaselineResult Result);

    /// <summary>Fits the baseline on <paramref name="task"/>, choosing k and the weight decay on dev.</summary>
    public static Fitted Fit(GueTask task, KmerLrConfig config, IProgress<string>? log = null)
    {
        config.Validate();
        var watch = Stopwatch.StartNew();
        (float[,] x, int[] y) Features(IReadOnlyList<LabelledSequence> split, int k) =>
            (KmerFrequencies.Matrix(split.Select(s => s.Sequence).ToList(), k), split.Select(s => s.Label).ToArray());
        (int K, LinearProbe.Result Probe)? best = null;
        foreach (var k in config.KmerSizes)
        {
            // Test stays unseen until k is chosen: dev stands in for the probe's test argument and is scored again below.
            var dev = Features(task.Dev, k);
            var probe = LinearProbe.Fit(Features(task.Train, k), dev, dev, task.Labels.Count, config.Steps, config.Seed);
            log?.Report(string.Create(CultureInfo.InvariantCulture, $"kmer-lr k {k}: dev MCC {probe.Dev.Mcc:F3} (weight decay {probe.WeightDecay})"));
            if (best is null || probe.Dev.Mcc > best.Value.Probe.Dev.Mcc + 1e-12) best = (k, probe);
        }
        var (chosenK, chosen) = best!.Value;
        var model = new KmerLogisticRegression(chosenK, chosen.Model);
        var result = new BaselineResult(task.Name, BaselineKind.KmerLr.Name(), Score(model, task.Dev, task.Labels.Count),
            Score(model, task.Test, task.Labels.Count), watch.Elapsed.TotalMinutes, task.Labels.Names, config.Seed,
            string.Create(CultureInfo.InvariantCulture, $"k {chosenK}, weight decay {chosen.WeightDecay}"),
            chosen.Model.Weight.Length + chosen.Model.Bias.Length);
        return new Fitted(model, result);
    }

    private static SplitMetrics Score(KmerLogisticRegression model, IReadOnlyList<LabelledSequence> split, int classes)
    {
        var probabilities = model.Probabilities(split.Select(s => s.Sequence).ToList());
        return SplitMetrics.Compute(split.Select(s => s.Label).ToList(), probabilities.Select(ArgMax).ToList(), classes);
    }

    private static int ArgMax(float[] p) => Array.IndexOf(p, p.Max());
}
