namespace VqDna.Quantization;

/// <summary>How the batch used the codebook.</summary>
/// <param name="Perplexity">exp of the entropy of the code histogram: the effective number of codes used.</param>
/// <param name="FractionUsed">Fraction of the K codes chosen at least once in the batch.</param>
/// <param name="DeadCodes">Codes whose EMA count is below the restart threshold (before any restart this step).</param>
public sealed record CodeUsage(double Perplexity, double FractionUsed, int DeadCodes);
