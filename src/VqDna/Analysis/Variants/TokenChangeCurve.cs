namespace VqDna.Analysis.Variants;

/// <summary>
/// How far one mutation disturbs a tokenization: per distance from a defining substitution, the share of positions
/// whose token (the code at that base, for a learned tokenizer; the covering token and its span, for k-mer and BPE)
/// differs between the genome and the reference.
/// </summary>
/// <param name="Tokenizer">Tokenizer label: hrq, vq, bpe, 6mer…</param>
/// <param name="Level">"level 1 (coarse)", "level 2 (fine)" for HRQ; "tokens" for hand-made tokenizers.</param>
/// <param name="Vocabulary">Codes of this level, or the vocabulary size.</param>
/// <param name="Sites">Mutation sites counted (genome × defining substitution).</param>
/// <param name="IsolatedSites">Sites with no other difference from the reference within the isolation radius.</param>
/// <param name="Points">One point per distance, 0 first.</param>
public sealed record TokenChangeCurve(string Tokenizer, string Level, int Vocabulary, int Sites, int IsolatedSites, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>"hrq level 1 (coarse)" or "bpe".</summary>
    public string Label => Level == "tokens" ? Tokenizer : $"{Tokenizer} {Level}";
}
