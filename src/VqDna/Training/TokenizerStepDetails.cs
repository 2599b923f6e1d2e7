using VqDna.Evaluation;
using VqDna.Quantization;
using VqDna.Training.Engine;

namespace VqDna.Training;

/// <summary>A tokenizer step's own measures: reconstruction accuracy and code usage per level.</summary>
public sealed record TokenizerStepDetails(double ReconstructionAccuracy, IReadOnlyList<CodeUsage> Usage) : StepDetails
{
    public override string Describe()
    {
        var perplexity = string.Join("/", Usage.Select(u => u.Perplexity.ToString("F0")));
        var used = string.Join("/", Usage.Select(u => (100 * u.FractionUsed).ToString("F0") + "%"));
        return $"acc {100 * ReconstructionAccuracy:F2}%  ppl {perplexity}  used {used}";
    }

    public override IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("reconstruction_accuracy", Math.Round(ReconstructionAccuracy, 6));
        yield return new("perplexity", Usage.Select(u => Math.Round(u.Perplexity, 2)).ToArray());
        yield return new("codes_used", Usage.Select(u => Math.Round(u.FractionUsed, 4)).ToArray());
        yield return new("dead_codes", Usage.Select(u => u.DeadCodes).ToArray());
    }
}

/// <summary>Held-out quality of a tokenizer.</summary>
/// <param name="ReconstructionAccuracy">Fraction of held-out nucleotides the decoder reconstructs.</param>
/// <param name="Levels">Codebook usage over all held-out positions, per level.</param>
/// <param name="Bases">Held-out nucleotides evaluated.</param>
public sealed record TokenizerEvaluation(double ReconstructionAccuracy, IReadOnlyList<LevelUsage> Levels, long Bases)
{
    /// <summary>Held-out uses of each code, per level (for the usage histogram; not saved in run.json).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<long[]> Counts { get; init; } = [];

    /// <summary>What each level's codes know about their own base and the bases around them; null when no held-out position had D known bases on each side (windows too short).</summary>
    public CodeContext? Context { get; init; }
}

/// <summary>Usage of one level's codebook over an evaluation.</summary>
public sealed record LevelUsage(int CodebookSize, double FractionUsed, double Perplexity);
