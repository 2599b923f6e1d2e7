using VqDna.Training.Engine;

namespace VqDna.Training.Pretraining;

/// <summary>A masked-modeling step's measures: accuracy on the predicted tokens (mean over heads) and tokens per nucleotide.</summary>
public sealed record MaskedModelingStepDetails(double MaskedAccuracy, double TokensPerNucleotide, int Predicted) : StepDetails
{
    /// <inheritdoc/>
    public override string Describe() => $"masked acc {100 * MaskedAccuracy:F1}%";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("masked_accuracy", Math.Round(MaskedAccuracy, 6));
        yield return new("tokens_per_nucleotide", Math.Round(TokensPerNucleotide, 4));
        yield return new("predicted_tokens", Predicted);
    }
}
