using System.Text;
using VqDna.Datasets.Covid;

namespace VqDna.Tests.Datasets.Covid;

/// <summary>
/// A small tree over a random root: per variant one internal node with three defining substitutions and
/// <c>tipsPerVariant</c> tips with two private substitutions each, plus one tip of a lineage outside the nine.
/// </summary>
internal static class SyntheticCovid
{
    public static (string Root, string Json) Make(int rootLength = 2500, int tipsPerVariant = 4, int seed = 1)
    {
        var random = new Random(seed);
        var root = new string(Enumerable.Range(0, rootLength).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        var used = new HashSet<int>();
        string Substitution()
        {
            int position;
            do position = random.Next(60, rootLength - 60); while (!used.Add(position));
            char from = root[position - 1];
            char to = "ACGT".Where(c => c != from).ElementAt(random.Next(3));
            return $"\"{from}{position}{to}\"";
        }
        var nodes = new List<string>();
        foreach (var variant in VariantCatalog.Variants)
        {
            var tips = Enumerable.Range(0, tipsPerVariant).Select(t =>
                $"{{\"name\": \"{variant.Name}/{t}\", \"branch_attrs\": {{\"mutations\": {{\"nuc\": [{Substitution()}, {Substitution()}]}}}}, \"node_attrs\": {{\"pango_lineage\": {{\"value\": \"{variant.Lineage}{(t % 2 == 1 ? ".1" : "")}\"}}}}}}");
            nodes.Add($"{{\"name\": \"NODE_{variant.Name}\", \"branch_attrs\": {{\"mutations\": {{\"nuc\": [{Substitution()}, {Substitution()}, {Substitution()}]}}}}, \"children\": [{string.Join(", ", tips)}]}}");
        }
        nodes.Add($"{{\"name\": \"other/1\", \"branch_attrs\": {{\"mutations\": {{\"nuc\": [{Substitution()}]}}}}, \"node_attrs\": {{\"pango_lineage\": {{\"value\": \"B.1.1.70\"}}}}}}");
        var json = new StringBuilder("{\"meta\": {\"genome_annotations\": {\"S\": {\"start\": 1, \"end\": 1200}}}, \"tree\": {\"name\": \"root\", \"children\": [")
            .Append(string.Join(", ", nodes)).Append("]}, \"version\": \"v2\"}").ToString();
        return (root, json);
    }

    /// <summary>Writes the bundle file and returns its path.</summary>
    public static string WriteBundle(string folder, int tipsPerVariant = 4, int seed = 1)
    {
        var (root, json) = Make(tipsPerVariant: tipsPerVariant, seed: seed);
        var path = Path.Combine(folder, "nextclade.js");
        File.WriteAllText(path, MiniTree.Bundle(root, json));
        return path;
    }
}
