using VqDna.Quantization;

namespace VqDna.Training;

/// <summary>One step's report, for progress display and metrics.jsonl.</summary>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    double Loss,
    double ReconstructionAccuracy,
    IReadOnlyList<CodeUsage> Usage,
    double LearningRate,
    double BasesPerSecond,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    bool Resumed);

/// <summary>Held-out quality of a tokenizer.</summary>
/// <param name="ReconstructionAccuracy">Fraction of held-out nucleotides the decoder reconstructs.</param>
/// <param name="Levels">Codebook usage over all held-out positions, per level.</param>
/// <param name="Bases">Held-out nucleotides evaluated.</param>
public sealed record TokenizerEvaluation(double ReconstructionAccuracy, IReadOnlyList<LevelUsage> Levels, long Bases);

/// <summary>Usage of one level's codebook over an evaluation.</summary>
public sealed record LevelUsage(int CodebookSize, double FractionUsed, double Perplexity);
