using VqDna.Models.Tokenizer;

namespace VqDna.Analysis;

/// <summary>One tokenizer of the efficiency study.</summary>
/// <param name="Study">"codebook size" or "code dim".</param>
/// <param name="Quantizer">VQ or HRQ.</param>
/// <param name="CodebookSize">K (level 1 for HRQ).</param>
/// <param name="CodeDim">Code dimension.</param>
public sealed record EfficiencyVariant(string Study, QuantizerKind Quantizer, int CodebookSize, int CodeDim);
