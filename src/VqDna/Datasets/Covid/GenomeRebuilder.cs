namespace VqDna.Datasets.Covid;

/// <summary>
/// Rebuilds every tip genome of a tree by applying root-to-tip branch mutations to the root genome, checking on
/// every branch that each mutation's reference base is the parent's base there. One genome buffer is walked
/// depth first: mutations are applied on the way down and undone on the way up, so the whole tree costs one
/// genome of memory plus the tips' differences.
/// </summary>
public static class GenomeRebuilder
{
    /// <summary>Rebuilds the tips of <paramref name="tree"/> from <paramref name="root"/> (A, C, G, T, N).</summary>
    public static TreeRebuild Rebuild(string root, TreeNode tree)
    {
        var state = root.ToCharArray();
        var genomes = new List<RebuiltGenome>();
        var mismatches = new List<ReferenceMismatch>();
        int nodes = 0, applied = 0;
        Visit(tree);
        return new TreeRebuild(genomes, nodes, applied, mismatches);

        void Visit(TreeNode node)
        {
            nodes++;
            var undo = new (int Index, char Previous)[node.Mutations.Count];
            for (int i = 0; i < node.Mutations.Count; i++)
            {
                var m = node.Mutations[i];
                if (m.Position > state.Length)
                    throw new InvalidDataException($"node '{node.Name}': mutation {m} lies past the root genome's end ({state.Length} bases)");
                int index = m.Position - 1;
                if (state[index] != m.Reference) mismatches.Add(new ReferenceMismatch(node.Name, m, state[index]));
                undo[i] = (index, state[index]);
                state[index] = m.Alternative;
                applied++;
            }
            if (node.IsTip) genomes.Add(new RebuiltGenome(node.Name, node.Clade, node.Lineage, Differences(root, state)));
            foreach (var child in node.Children) Visit(child);
            for (int i = undo.Length - 1; i >= 0; i--) state[undo[i].Index] = undo[i].Previous;
        }
    }

    private static List<NucleotideMutation> Differences(string root, char[] genome)
    {
        var differences = new List<NucleotideMutation>();
        for (int i = 0; i < genome.Length; i++)
            if (genome[i] != root[i]) differences.Add(new NucleotideMutation(root[i], i + 1, genome[i]));
        return differences;
    }
}
