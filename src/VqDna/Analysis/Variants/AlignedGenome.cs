using VqDna.Datasets.Covid;

namespace VqDna.Analysis.Variants;

/// <summary>A genome in root coordinates ('-' where deleted), its sequence, and the map between the two.</summary>
public sealed class AlignedGenome
{
    /// <summary>
    /// Rebuilds the genome that differs from <paramref name="root"/> by <paramref name="differences"/>, aligned to the root's coordinates.
    /// </summary>
    public AlignedGenome(string root, IReadOnlyList<NucleotideMutation> differences)
    {
        Aligned = new RebuiltGenome("", "", "", differences).Aligned(root);
        ToSequence = new int[Aligned.Length];
        var sequence = new char[Aligned.Length];
        int n = 0;
        for (int a = 0; a < Aligned.Length; a++)
        {
            if (Aligned[a] == '-') { ToSequence[a] = -1; continue; }
            ToSequence[a] = n;
            sequence[n++] = Aligned[a];
        }
        Sequence = new string(sequence, 0, n);
        ToAligned = new int[n];
        for (int a = 0; a < Aligned.Length; a++) if (ToSequence[a] >= 0) ToAligned[ToSequence[a]] = a;
        Differences = differences;
    }

    /// <summary>One character per root position.</summary>
    public char[] Aligned { get; }

    /// <summary>The genome without its deleted positions.</summary>
    public string Sequence { get; }

    /// <summary>Root position (0-based) → sequence index, −1 where deleted.</summary>
    public int[] ToSequence { get; }

    /// <summary>Sequence index → root position (0-based).</summary>
    public int[] ToAligned { get; }

    /// <summary>Differences from the root, ascending by position.</summary>
    public IReadOnlyList<NucleotideMutation> Differences { get; }

    /// <summary>The sequence of root positions [start, end) with deleted positions dropped, and each base's root position.</summary>
    public (string Sequence, int[] Positions) Slice(int start, int end)
    {
        var chars = new List<char>(end - start);
        var positions = new List<int>(end - start);
        for (int a = start; a < end; a++)
            if (Aligned[a] != '-') { chars.Add(Aligned[a]); positions.Add(a); }
        return (new string(chars.ToArray()), positions.ToArray());
    }
}
