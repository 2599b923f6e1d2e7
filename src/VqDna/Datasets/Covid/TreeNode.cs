namespace VqDna.Datasets.Covid;

/// <summary>One node of the reference tree: its name, the mutations on the branch leading to it, and its labels.</summary>
/// <param name="Name">The node or tip name (a strain name for tips).</param>
/// <param name="Mutations">Nucleotide mutations on the branch from the parent, in file order.</param>
/// <param name="Clade">Nextstrain clade (clade_membership), or "" when absent.</param>
/// <param name="Lineage">Pango lineage (pango_lineage; tips only), or "" when absent.</param>
/// <param name="Children">Child nodes; empty for a tip.</param>
public sealed record TreeNode(
    string Name,
    IReadOnlyList<NucleotideMutation> Mutations,
    string Clade,
    string Lineage,
    IReadOnlyList<TreeNode> Children)
{
    /// <summary>True for a leaf (a sampled genome).</summary>
    public bool IsTip => Children.Count == 0;

    /// <summary>Every tip under this node, depth first, in file order.</summary>
    public IEnumerable<TreeNode> Tips()
    {
        var stack = new Stack<TreeNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.IsTip) yield return node;
            for (int i = node.Children.Count - 1; i >= 0; i--) stack.Push(node.Children[i]);
        }
    }

    /// <summary>Number of nodes in this subtree, itself included.</summary>
    public int CountNodes()
    {
        int count = 1;
        foreach (var child in Children) count += child.CountNodes();
        return count;
    }
}
