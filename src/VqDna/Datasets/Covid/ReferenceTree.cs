using System.Text.Json;

namespace VqDna.Datasets.Covid;

/// <summary>
/// A Nextstrain (Auspice v2) tree as Nextclade ships it: <c>{"meta": …, "tree": node, "version": "v2"}</c>, where a
/// node holds <c>branch_attrs.mutations.nuc</c> (["C241T", …]), <c>node_attrs.clade_membership.value</c>,
/// <c>node_attrs.pango_lineage.value</c> (tips) and <c>children</c>.
/// </summary>
public static class ReferenceTree
{
    /// <summary>Parses the tree JSON; <paramref name="source"/> names it in errors.</summary>
    public static TreeNode Parse(string json, string source)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
        if (!document.RootElement.TryGetProperty("tree", out var root) || root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: expected an Auspice tree (an object with a \"tree\" node)");
        return ParseNode(root, source, "tree");
    }

    // Iterative parsing would be needed past a few thousand levels; the tree is ~100 levels deep.
    private static TreeNode ParseNode(JsonElement node, string source, string path)
    {
        string name = node.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var where = name.Length > 0 ? $"node '{name}'" : path;
        var mutations = new List<NucleotideMutation>();
        if (node.TryGetProperty("branch_attrs", out var branch) && branch.TryGetProperty("mutations", out var all)
            && all.TryGetProperty("nuc", out var nuc))
        {
            if (nuc.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{source}: {where}: branch_attrs.mutations.nuc is not an array");
            foreach (var m in nuc.EnumerateArray())
            {
                try { mutations.Add(NucleotideMutation.Parse(m.GetString() ?? "")); }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    throw new InvalidDataException($"{source}: {where}: {e.Message}", e);
                }
            }
        }
        var children = new List<TreeNode>();
        if (node.TryGetProperty("children", out var kids))
        {
            int i = 0;
            foreach (var child in kids.EnumerateArray()) children.Add(ParseNode(child, source, $"{path}.children[{i++}]"));
        }
        return new TreeNode(name, mutations, Attribute(node, "clade_membership"), Attribute(node, "pango_lineage"), children);
    }

    private static string Attribute(JsonElement node, string key) =>
        node.TryGetProperty("node_attrs", out var attrs) && attrs.TryGetProperty(key, out var a)
            && a.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
