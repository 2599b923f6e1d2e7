namespace VqDna.Datasets.Builders;

/// <summary>One class of the species task: a label and the genome files of that species.</summary>
/// <param name="Label">The class label written to the CSVs (no commas).</param>
/// <param name="Files">FASTA or GenBank files; every record of every file belongs to the species.</param>
public sealed record SpeciesSource(string Label, IReadOnlyList<string> Files);
