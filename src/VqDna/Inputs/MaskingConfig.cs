namespace VqDna.Inputs;

/// <summary>
/// BERT-style masking for masked (code) modeling.
/// </summary>
/// <param name="Rate">Fraction of tokens selected for prediction. VQDNA's ablation found 25% best of 15/20/25/30%.</param>
/// <param name="MaskFraction">Of the selected, the fraction replaced by [MASK] (BERT: 80%).</param>
/// <param name="RandomFraction">Of the selected, the fraction replaced by a random token (BERT: 10%); the rest stay unchanged.</param>
/// <param name="Span">
/// Tokens masked together as one contiguous span, with one replacement decision per span. Overlapping k-mers
/// need span ≥ k (DNABERT): each masked k-mer then has a nucleotide no unmasked k-mer covers, so it cannot be
/// read off its neighbours. Null: the tokenizer's own default (k for overlapping k-mers, 1 otherwise).
/// </param>
public sealed record MaskingConfig(double Rate = 0.25, double MaskFraction = 0.8, double RandomFraction = 0.1, int? Span = null)
{
    /// <summary>Checks the rate and fractions are in range; returns this, or throws naming the setting.</summary>
    public MaskingConfig Validate()
    {
        if (!double.IsFinite(Rate) || Rate <= 0 || Rate >= 1) throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "must be in (0, 1)");
        if (MaskFraction < 0 || RandomFraction < 0 || MaskFraction + RandomFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(MaskFraction), MaskFraction, "the [MASK] and random fractions must be non-negative and sum to at most 1");
        if (Span is < 1) throw new ArgumentOutOfRangeException(nameof(Span), Span, "must be positive");
        return this;
    }
}
