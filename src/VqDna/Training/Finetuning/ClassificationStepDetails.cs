using VqDna.Training.Engine;

namespace VqDna.Training.Finetuning;

/// <summary>A fine-tuning step's own measure: accuracy on its training batch.</summary>
public sealed record ClassificationStepDetails(double Accuracy) : StepDetails
{
    public override string Describe() => $"acc {100 * Accuracy:F1}%";

    public override IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("accuracy", Math.Round(Accuracy, 6));
    }
}
