namespace VqDna.Datasets.Covid;

/// <summary>The rebuilt tips of a tree and what the check of every branch found.</summary>
/// <param name="Genomes">Every tip, in tree order.</param>
/// <param name="Nodes">Nodes in the tree (tips included).</param>
/// <param name="MutationsApplied">Branch mutations applied over the whole tree.</param>
/// <param name="Mismatches">Mutations whose reference base differed from the parent's base (applied anyway).</param>
public sealed record TreeRebuild(IReadOnlyList<RebuiltGenome> Genomes, int Nodes, int MutationsApplied, IReadOnlyList<ReferenceMismatch> Mismatches);
