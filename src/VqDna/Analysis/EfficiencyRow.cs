namespace VqDna.Analysis;

/// <summary>One trained variant and its scores.</summary>
public sealed record EfficiencyRow(string Study, string Quantizer, int CodebookSize, int CodeDim, double ReconstructionAccuracy,
    double CodesUsed, double Perplexity, double ProbeMcc, double ProbeMacroF1, double ProbeAccuracy, double TrainMinutes);
