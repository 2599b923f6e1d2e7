using System.Diagnostics;
using VqDna.Datasets;
using VqDna.Evaluation;
using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Torch;
using VqDna.Training.Pretraining;

namespace VqDna.Benchmarks;

/// <summary>
/// The linear probe of a pre-trained backbone on a task (VQDNA reports it beside fine-tuning for the variant
/// task): every sequence's pooled encoder output, frozen, into multinomial logistic regression
/// (<see cref="LinearProbe"/>). Nothing of the backbone is trained, so it reads what pre-training put in the
/// representation; one forward pass per sequence makes it far cheaper than fine-tuning.
/// </summary>
public static class BackboneProbe
{
    /// <summary>The finished probe's scores, in its folder (probe/&lt;task&gt;/&lt;tokenizer&gt;/).</summary>
    public const string ResultFile = "probe.json";

    /// <summary>Fits and scores the probe; the frozen backbone's features are computed on <paramref name="device"/> (the CPU unless given).</summary>
    public static ProbeScore Run(GueTask task, string tokenizer, string backboneDirectory, string metric, Device? device = null)
    {
        var watch = Stopwatch.StartNew();
        using var inputs = PretrainedFolder.LoadInputs(backboneDirectory);
        using var model = EncoderFolder.LoadForClassification(backboneDirectory, new ClassifierConfig(task.Labels.Count));
        PretrainedFolder.CheckMatches(inputs, model.Config, backboneDirectory);
        var classifier = new SequenceClassifier(model, inputs).To(device ?? Device.CPU);
        (float[,] x, int[] y) Features(IReadOnlyList<LabelledSequence> split) =>
            (classifier.Features(split.Select(s => s.Sequence).ToList()), split.Select(s => s.Label).ToArray());
        var result = LinearProbe.Fit(Features(task.Train), Features(task.Dev), Features(task.Test), task.Labels.Count);
        double Score(ClassificationMetrics m) => TaskMetric.Of(metric, m.Mcc, m.MacroF1);
        return new ProbeScore(task.Name, metric, tokenizer, Score(result.Test), Score(result.Dev), result.WeightDecay, watch.Elapsed.TotalMinutes);
    }
}
