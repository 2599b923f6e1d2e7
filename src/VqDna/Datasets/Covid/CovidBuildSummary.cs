namespace VqDna.Datasets.Covid;

/// <summary>What `vqdna data covid` built and checked; written as summary.json beside the task.</summary>
/// <param name="Package">npm package and version the tree came from.</param>
/// <param name="RootLength">Bases of the root genome (MN908947).</param>
/// <param name="ReferenceFile">The NC_045512.2 file the root was compared with, or null when none was given.</param>
/// <param name="ReferenceDifferences">Positions where the root and NC_045512.2 differ (-1 when lengths differ or no file was given).</param>
/// <param name="Nodes">Nodes in the tree.</param>
/// <param name="Tips">Tips (genomes) in the tree.</param>
/// <param name="MutationsApplied">Branch mutations applied while rebuilding.</param>
/// <param name="Mismatches">Branch mutations whose reference base was not the parent's base.</param>
/// <param name="MismatchExamples">The first few mismatches, as "node: C241T (parent has T)".</param>
/// <param name="Variants">Per variant: genomes per split, lineages and windows per split.</param>
/// <param name="DefiningMutations">Defining mutations per variant.</param>
/// <param name="Task">The task folder.</param>
public sealed record CovidBuildSummary(
    string Package,
    int RootLength,
    string? ReferenceFile,
    int ReferenceDifferences,
    int Nodes,
    int Tips,
    int MutationsApplied,
    int Mismatches,
    IReadOnlyList<string> MismatchExamples,
    IReadOnlyList<CovidVariantSummary> Variants,
    IReadOnlyDictionary<string, int> DefiningMutations,
    string Task);
