using VqDna.Models.Baselines;

namespace VqDna.Training.Baselines;

/// <summary>How the k-mer logistic regression is fitted.</summary>
/// <param name="KmerSizes">The k tried; the one with the best dev MCC is kept (with the weight decay, see <see cref="Evaluation.LinearProbe.WeightDecays"/>).</param>
/// <param name="Steps">Full-batch AdamW steps per (k, weight decay) fit.</param>
/// <param name="Seed">Seeds the initial weights.</param>
public sealed record KmerLrConfig(IReadOnlyList<int> KmerSizes, int Steps = 300, ulong Seed = 0)
{
    /// <summary>k = 3…6: DNABERT's range.</summary>
    public static readonly IReadOnlyList<int> DefaultKmerSizes = [3, 4, 5, 6];

    /// <summary>The default k sizes, steps and seed.</summary>
    public KmerLrConfig() : this(DefaultKmerSizes) { }

    /// <summary>Checks the k sizes and steps; returns this, or throws naming the setting.</summary>
    public KmerLrConfig Validate()
    {
        if (KmerSizes.Count == 0) throw new ArgumentException("no k-mer size given");
        foreach (var k in KmerSizes) KmerFrequencies.Dimension(k);
        if (Steps is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be in 1..100000");
        return this;
    }
}
