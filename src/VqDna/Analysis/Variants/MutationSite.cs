using VqDna.Datasets.Covid;

namespace VqDna.Analysis.Variants;

/// <summary>A defining substitution as carried by one genome.</summary>
/// <param name="Genome">Index of the genome in the analysis' list.</param>
/// <param name="Mutation">The substitution (root coordinates).</param>
/// <param name="Isolated">True when the genome has no other difference from the root within the isolation radius.</param>
public readonly record struct MutationSite(int Genome, NucleotideMutation Mutation, bool Isolated)
{
    /// <summary>The mutated base's 0-based root position.</summary>
    public int Index => Mutation.Position - 1;

    /// <summary>
    /// The sites of <paramref name="genomes"/>: each genome's own variant's defining substitutions that it carries.
    /// A site is isolated when no other difference of that genome lies within <paramref name="isolationRadius"/> bases.
    /// </summary>
    public static List<MutationSite> Find(IReadOnlyList<AlignedGenome> genomes, IReadOnlyList<string> variants,
        IReadOnlyDictionary<string, HashSet<NucleotideMutation>> defining, int isolationRadius)
    {
        var sites = new List<MutationSite>();
        for (int g = 0; g < genomes.Count; g++)
        {
            if (!defining.TryGetValue(variants[g], out var mine)) continue;
            var differences = genomes[g].Differences;
            for (int i = 0; i < differences.Count; i++)
            {
                var m = differences[i];
                if (!m.IsSubstitution || !mine.Contains(m)) continue;
                bool isolated = (i == 0 || differences[i - 1].Position < m.Position - isolationRadius)
                    && (i == differences.Count - 1 || differences[i + 1].Position > m.Position + isolationRadius);
                sites.Add(new MutationSite(g, m, isolated));
            }
        }
        return sites;
    }
}
