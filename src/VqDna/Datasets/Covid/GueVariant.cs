namespace VqDna.Datasets.Covid;

/// <summary>One variant of GUE's covid task: its WHO name and the Pango lineage it is rooted at.</summary>
/// <param name="Name">WHO label (the class name), e.g. "Alpha".</param>
/// <param name="Lineage">The Pango lineage of the variant, e.g. "B.1.1.7".</param>
/// <param name="Aliases">Pango alias prefixes that stand for sub-lineages, e.g. "Q" for B.1.1.7.* and "AY" for B.1.617.2.*.</param>
public sealed record GueVariant(string Name, string Lineage, IReadOnlyList<string> Aliases)
{
    /// <summary>True when <paramref name="lineage"/> is this variant's lineage or one of its sub-lineages.</summary>
    public bool Contains(string lineage) =>
        lineage == Lineage
        || lineage.StartsWith(Lineage + ".", StringComparison.Ordinal)                 // B.1.351.2, not B.1.3510
        || Aliases.Any(a => lineage == a || lineage.StartsWith(a + ".", StringComparison.Ordinal));
}
