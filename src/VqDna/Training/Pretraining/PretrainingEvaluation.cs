namespace VqDna.Training.Pretraining;

/// <summary>Held-out masked modeling: loss (summed over heads), accuracy (mean over heads), tokens per nucleotide.</summary>
public sealed record PretrainingEvaluation(double Loss, double MaskedAccuracy, double TokensPerNucleotide)
{
    /// <summary>The held-out measures the training loop records: loss and masked accuracy.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics() =>
        new Dictionary<string, double> { ["loss"] = Loss, ["masked_accuracy"] = MaskedAccuracy };
}
