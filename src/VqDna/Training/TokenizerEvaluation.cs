using VqDna.Evaluation;

namespace VqDna.Training;

/// <summary>Held-out quality of a tokenizer.</summary>
/// <param name="ReconstructionAccuracy">Fraction of held-out nucleotides the decoder reconstructs.</param>
/// <param name="Levels">Codebook usage over all held-out positions, per level.</param>
/// <param name="Bases">Held-out nucleotides evaluated.</param>
public sealed record TokenizerEvaluation(double ReconstructionAccuracy, IReadOnlyList<LevelUsage> Levels, long Bases)
{
    /// <summary>Held-out uses of each code, per level (for the usage histogram; not saved in run.json).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<long[]> Counts { get; init; } = [];

    /// <summary>
    /// What each level's codes know about their own base and the bases around them; null when no held-out position had D known bases on
    /// each side (windows too short).
    /// </summary>
    public CodeContext? Context { get; init; }
}
