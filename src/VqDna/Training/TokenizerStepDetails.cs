using VqDna.Evaluation;
using VqDna.Quantization;
using VqDna.Training.Engine;

namespace VqDna.Training;

/// <summary>A tokenizer step's own measures: reconstruction accuracy and code usage per level.</summary>
public sealed record TokenizerStepDetails(double ReconstructionAccuracy, IReadOnlyList<CodeUsage> Usage) : StepDetails
{
    /// <inheritdoc/>
    public override string Describe()
    {
        var perplexity = string.Join("/", Usage.Select(u => u.Perplexity.ToString("F0")));
        var used = string.Join("/", Usage.Select(u => (100 * u.FractionUsed).ToString("F0") + "%"));
        return $"acc {100 * ReconstructionAccuracy:F2}%  ppl {perplexity}  used {used}";
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("reconstruction_accuracy", Math.Round(ReconstructionAccuracy, 6));
        yield return new("perplexity", Usage.Select(u => Math.Round(u.Perplexity, 2)).ToArray());
        yield return new("codes_used", Usage.Select(u => Math.Round(u.FractionUsed, 4)).ToArray());
        yield return new("dead_codes", Usage.Select(u => u.DeadCodes).ToArray());
    }
}
