namespace VqDna.Datasets.Covid;

/// <summary>
/// The nine SARS-CoV-2 variants of GUE's covid classification task (Zhou et al. 2023, DNABERT-2), with the Pango
/// aliases that name their sub-lineages (Pango's alias_key: Q = B.1.1.7, AY = B.1.617.2).
/// </summary>
public static class VariantCatalog
{
    /// <summary>The variants, alphabetical by name (the class order of the task).</summary>
    public static readonly IReadOnlyList<GueVariant> Variants =
    [
        new("Alpha", "B.1.1.7", ["Q"]),
        new("Beta", "B.1.351", []),
        new("Delta", "B.1.617.2", ["AY"]),
        new("Eta", "B.1.525", []),
        new("Gamma", "P.1", []),
        new("Iota", "B.1.526", []),
        new("Kappa", "B.1.617.1", []),
        new("Lambda", "C.37", []),
        new("Zeta", "P.2", []),
    ];

    /// <summary>The variant a Pango lineage belongs to, or null when it is none of the nine (e.g. B.1.1.70, B.1.617.3).</summary>
    public static GueVariant? Find(string lineage) => Variants.FirstOrDefault(v => v.Contains(lineage.Trim()));
}
