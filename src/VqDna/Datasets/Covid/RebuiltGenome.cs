namespace VqDna.Datasets.Covid;

/// <summary>
/// One tip genome rebuilt from the tree, stored as its differences from the root (a few dozen), not as 30 kb.
/// </summary>
/// <param name="Name">The tip (strain) name.</param>
/// <param name="Clade">Nextstrain clade.</param>
/// <param name="Lineage">Pango lineage.</param>
/// <param name="Differences">Positions where the genome differs from the root, ascending: root base, position, genome base ('-' = deleted).</param>
public sealed record RebuiltGenome(string Name, string Clade, string Lineage, IReadOnlyList<NucleotideMutation> Differences)
{
    /// <summary>The genome in root coordinates: one character per root position, '-' where deleted.</summary>
    public char[] Aligned(string root)
    {
        var aligned = root.ToCharArray();
        foreach (var d in Differences) aligned[d.Position - 1] = d.Alternative;
        return aligned;
    }

    /// <summary>The genome as a sequence (deleted positions removed).</summary>
    public string Sequence(string root) => Ungapped(Aligned(root));

    /// <summary>The characters of <paramref name="aligned"/> other than '-'.</summary>
    public static string Ungapped(ReadOnlySpan<char> aligned)
    {
        var result = new char[aligned.Length];
        int n = 0;
        foreach (char c in aligned) if (c != '-') result[n++] = c;
        return new string(result, 0, n);
    }
}
