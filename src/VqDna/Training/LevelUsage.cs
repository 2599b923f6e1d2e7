namespace VqDna.Training;

/// <summary>Usage of one level's codebook over an evaluation.</summary>
public sealed record LevelUsage(int CodebookSize, double FractionUsed, double Perplexity);
