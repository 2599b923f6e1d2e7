using System.Globalization;
using System.Text;
using VqDna.IO;

namespace VqDna.Datasets.Covid;

/// <summary>Each variant's defining mutations: differences from the root present in at least a given share of its genomes.</summary>
public static class DefiningMutations
{
    /// <summary>The defining mutations of every variant, by variant name then position.</summary>
    public static List<DefiningMutation> Find(IReadOnlyList<VariantGenome> genomes, double share, IReadOnlyDictionary<string, (int Start, int End)> genes)
    {
        var result = new List<DefiningMutation>();
        foreach (var group in genomes.GroupBy(g => g.Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int n = group.Count();
            var counts = new Dictionary<NucleotideMutation, int>();
            foreach (var g in group)
                foreach (var d in g.Genome.Differences) counts[d] = counts.GetValueOrDefault(d) + 1;
            foreach (var (mutation, carriers) in counts.OrderBy(c => c.Key.Position).ThenBy(c => c.Key.Alternative))
                if (carriers >= share * n - 1e-9) result.Add(new DefiningMutation(group.Key, mutation, GeneAt(genes, mutation.Position), carriers, n));
        }
        return result;
    }

    /// <summary>The gene containing <paramref name="position"/> (the first by start when genes overlap), or "".</summary>
    public static string GeneAt(IReadOnlyDictionary<string, (int Start, int End)> genes, int position) =>
        genes.Where(g => g.Value.Start <= position && position <= g.Value.End).OrderBy(g => g.Value.Start).Select(g => g.Key).FirstOrDefault() ?? "";

    /// <summary>Writes the table as TSV (one row per variant and mutation).</summary>
    public static void WriteTsv(string path, IReadOnlyList<DefiningMutation> rows)
    {
        var text = new StringBuilder("variant\tmutation\tposition\tkind\tgene\tcarriers\tgenomes\tshare\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.Variant}\t{r.Mutation}\t{r.Mutation.Position}\t{Kind(r.Mutation)}\t{r.Gene}\t{r.Carriers}\t{r.Genomes}\t{r.Share:F3}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the table as Markdown: one row per variant with its mutations grouped by gene.</summary>
    public static void WriteMarkdown(string path, IReadOnlyList<DefiningMutation> rows, double share)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Defining mutations of the nine GUE variants\n\nDifferences from the root genome (MN908947) carried by at least {share:P0} of a variant's rebuilt genomes; `-` is a deleted base. Positions are 1-based in MN908947.\n\n");
        text.Append("| variant | lineage | genomes | substitutions | deleted bases | mutations by gene |\n| --- | --- | ---: | ---: | ---: | --- |\n");
        foreach (var group in rows.GroupBy(r => r.Variant))
        {
            var lineage = VariantCatalog.Variants.FirstOrDefault(v => v.Name == group.Key)?.Lineage ?? "";
            var byGene = group.GroupBy(r => r.Gene.Length == 0 ? "intergenic" : r.Gene)
                .Select(g => $"**{g.Key}**: {string.Join(", ", g.Select(r => r.Mutation.ToString()))}");
            text.Append(CultureInfo.InvariantCulture,
                $"| {group.Key} | {lineage} | {group.First().Genomes} | {group.Count(r => r.Mutation.IsSubstitution)} | {group.Count(r => r.Mutation.IsDeletion)} | {string.Join("; ", byGene)} |\n");
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Kind(NucleotideMutation m) => m.IsDeletion ? "deletion" : m.IsSubstitution ? "substitution" : "restored";
}
