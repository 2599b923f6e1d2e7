namespace VqDna.Analysis.Variants;

/// <summary>Everything `vqdna analyze variants` measured.</summary>
/// <param name="GenomesPerVariant">Genomes analysed per variant.</param>
/// <param name="Sites">Defining substitutions counted, over all genomes.</param>
/// <param name="IsolatedSites">Sites with no other difference within the isolation radius.</param>
/// <param name="Curves">Token-change curves: per learned tokenizer level, BPE, k-mer.</param>
/// <param name="Projections">Per feature set: PCA, t-SNE and silhouettes.</param>
/// <param name="BpeVocabulary">Size BPE reached (≤ the requested size when merges ran out).</param>
/// <param name="BpeMeanTokenLength">Mean BPE token length on the reference genome, in bases.</param>
/// <param name="BpeTrainingGenomes">Sequences BPE trained on (the reference included).</param>
/// <param name="Genomes">Genome names, variants and splits, in projection order.</param>
public sealed record VariantAnalysisResult(
    IReadOnlyDictionary<string, int> GenomesPerVariant,
    int Sites,
    int IsolatedSites,
    IReadOnlyList<TokenChangeCurve> Curves,
    IReadOnlyList<ProjectionResult> Projections,
    int BpeVocabulary,
    double BpeMeanTokenLength,
    int BpeTrainingGenomes,
    IReadOnlyList<(string Name, string Variant, string Split)> Genomes);
