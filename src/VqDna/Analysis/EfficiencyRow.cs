using VqDna.Evaluation;

namespace VqDna.Analysis;

/// <summary>One trained variant and its scores.</summary>
/// <param name="Study">"codebook size" or "code dim".</param>
/// <param name="Quantizer">"vq" or "hrq".</param>
/// <param name="CodebookSize">K at level 1.</param>
/// <param name="CodeDim">Dimension of the codes.</param>
/// <param name="ReconstructionAccuracy">Held-out reconstruction accuracy.</param>
/// <param name="CodesUsed">Fraction of all levels' codes used on held-out windows.</param>
/// <param name="Perplexity">Finest level's held-out code perplexity.</param>
/// <param name="ProbeMcc">Linear probe's test MCC.</param>
/// <param name="ProbeMacroF1">Linear probe's test macro F1.</param>
/// <param name="ProbeAccuracy">Linear probe's test accuracy.</param>
/// <param name="TrainMinutes">Wall time to train and evaluate the tokenizer.</param>
/// <param name="Context">Held-out code context per level (issue 21): what the codes know about their base and the bases around it.</param>
public sealed record EfficiencyRow(string Study, string Quantizer, int CodebookSize, int CodeDim, double ReconstructionAccuracy,
    double CodesUsed, double Perplexity, double ProbeMcc, double ProbeMacroF1, double ProbeAccuracy, double TrainMinutes, CodeContext? Context = null)
{
    /// <summary>A per-level figure of <see cref="Context"/> as "level 1 / level 2 / …" ("—" when not measured).</summary>
    public string PerLevel(Func<LevelContext, double> figure, string format = "F2") =>
        Context is null ? "—" : string.Join(" / ", Context.Levels.Select(l => figure(l).ToString(format, System.Globalization.CultureInfo.InvariantCulture)));
}
