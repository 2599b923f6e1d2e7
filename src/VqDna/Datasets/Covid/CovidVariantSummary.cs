namespace VqDna.Datasets.Covid;

/// <summary>One variant's row of the build summary.</summary>
/// <param name="Variant">WHO name.</param>
/// <param name="Lineages">Pango lineages and their genome counts.</param>
/// <param name="Genomes">Genomes in train, dev and test.</param>
/// <param name="Windows">Windows in train, dev and test.</param>
public sealed record CovidVariantSummary(string Variant, IReadOnlyDictionary<string, int> Lineages, int[] Genomes, int[] Windows);
