using System.Text;
using System.Text.Json;

namespace VqDna.Datasets.Covid;

/// <summary>
/// The SARS-CoV-2 data webpack embedded in Nextclade 0.14's dist/nextclade.js. Each source file became a module
/// introduced by a banner comment naming its path (<c>!*** ./src/…/tree.json ***!</c>; require calls name the path too, in other comments): <c>sars-cov-2/rootSeq.txt</c> exports the root genome (MN908947,
/// Wuhan-Hu-1) as a double-quoted string literal, <c>sars-cov-2/tree.json</c> is <c>JSON.parse('…')</c> over a
/// single-quoted literal holding the Auspice tree. The accession itself is nowhere in the bundle.
/// </summary>
/// <param name="RootSequence">The root genome, upper case, 29,903 bases for MN908947.</param>
/// <param name="TreeJson">The Auspice v2 tree JSON text.</param>
/// <param name="Genes">Gene name → 1-based inclusive (start, end) from the tree's meta.genome_annotations.</param>
public sealed record NextcladeBundle(string RootSequence, string TreeJson, IReadOnlyDictionary<string, (int Start, int End)> Genes)
{
    /// <summary>The bundle module that exports the root genome.</summary>
    public const string RootModule = "sars-cov-2/rootSeq.txt";
    /// <summary>The bundle module that holds the reference tree.</summary>
    public const string TreeModule = "sars-cov-2/tree.json";

    /// <summary>Reads dist/nextclade.js.</summary>
    public static NextcladeBundle Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Extracts the root genome and the tree from the bundle's text; <paramref name="source"/> names it in errors.</summary>
    public static NextcladeBundle Parse(string bundle, string source)
    {
        var root = Literal(bundle, source, RootModule, "__webpack_exports__[\"a\"]=\"", '"').Trim().ToUpperInvariant();
        if (root.Length == 0 || root.Any(c => c is not ('A' or 'C' or 'G' or 'T' or 'N')))
            throw new InvalidDataException($"{source}: the {RootModule} module does not hold a plain nucleotide string");
        var tree = Literal(bundle, source, TreeModule, "JSON.parse('", '\'');
        return new NextcladeBundle(root, tree, ReadGenes(tree));
    }

    /// <summary>The string literal after <paramref name="opener"/> following the banner of <paramref name="module"/>, unescaped.</summary>
    private static string Literal(string bundle, string source, string module, string opener, char quote)
    {
        int banner = bundle.IndexOf(module + " ***!", StringComparison.Ordinal);           // the banner, not a require comment naming the path
        if (banner < 0) throw new InvalidDataException($"{source}: no module '{module}' (is this Nextclade 0.14's dist/nextclade.js?)");
        int start = bundle.IndexOf(opener, banner, StringComparison.Ordinal);
        // The literal must open within the module: the next banner starts with "/*!".
        int nextBanner = bundle.IndexOf("/*!***", banner + module.Length + 200, StringComparison.Ordinal);
        if (start < 0 || (nextBanner >= 0 && start > nextBanner))
            throw new InvalidDataException($"{source}: module '{module}' has no {opener}… literal");
        start += opener.Length;
        var text = new StringBuilder();
        for (int i = start; i < bundle.Length; i++)
        {
            char c = bundle[i];
            if (c == quote) return text.ToString();
            if (c != '\\') { text.Append(c); continue; }
            if (++i >= bundle.Length) break;
            char e = bundle[i];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'u':
                    text.Append((char)Convert.ToInt32(bundle.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: text.Append(e); break;                                      // \' \" \\ and any other escaped character stand for themselves
            }
        }
        throw new InvalidDataException($"{source}: the literal of module '{module}' is not terminated");
    }

    private static Dictionary<string, (int, int)> ReadGenes(string treeJson)
    {
        var genes = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(treeJson, new JsonDocumentOptions { MaxDepth = 4096 });
        if (!document.RootElement.TryGetProperty("meta", out var meta) || !meta.TryGetProperty("genome_annotations", out var annotations)) return genes;
        foreach (var gene in annotations.EnumerateObject())
        {
            if (gene.Name == "nuc") continue;
            if (gene.Value.TryGetProperty("start", out var s) && gene.Value.TryGetProperty("end", out var e) && s.TryGetInt32(out int start) && e.TryGetInt32(out int end))
                genes[gene.Name] = (start, end);
        }
        return genes;
    }
}
