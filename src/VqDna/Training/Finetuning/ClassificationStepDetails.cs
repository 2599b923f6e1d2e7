using VqDna.Datasets;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Training.Engine;

namespace VqDna.Training.Finetuning;

/// <summary>A fine-tuning step's own measure: accuracy on its training batch.</summary>
public sealed record ClassificationStepDetails(double Accuracy) : StepDetails
{
    /// <inheritdoc/>
    public override string Describe() => $"acc {100 * Accuracy:F1}%";

    /// <summary>A classification step's output: cross-entropy of <paramref name="logits"/> (B, C) against the rows' labels, and the batch accuracy.</summary>
    public static StepOutput Step(Tensor logits, IReadOnlyList<LabelledSequence> rows)
    {
        var labels = torch.tensor(rows.Select(r => (long)r.Label).ToArray(), [rows.Count], device: logits.device);
        var loss = F.cross_entropy(logits, labels);
        double accuracy;
        using (torch.no_grad()) accuracy = logits.argmax(-1).eq(labels).to(ScalarType.Float32).mean().item<double>();
        return new StepOutput(loss, new ClassificationStepDetails(accuracy));
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("accuracy", Math.Round(Accuracy, 6));
    }
}
