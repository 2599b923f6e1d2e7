namespace VqDna.Datasets.Covid;

/// <summary>A branch mutation whose reference base is not the parent's base at that position.</summary>
/// <param name="Node">The node the branch leads to.</param>
/// <param name="Mutation">The mutation as written in the tree.</param>
/// <param name="ParentBase">The base the rebuilt parent carries there.</param>
public readonly record struct ReferenceMismatch(string Node, NucleotideMutation Mutation, char ParentBase);
