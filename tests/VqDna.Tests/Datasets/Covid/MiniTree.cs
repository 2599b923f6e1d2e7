namespace VqDna.Tests.Datasets.Covid;

/// <summary>A hand-made Auspice tree and a webpack-like bundle around it, for parsing and rebuild tests.</summary>
internal static class MiniTree
{
    /// <summary>Root ACGTACGTAC; branch mutations chosen so every rule shows: substitution, deletion, restore, one reference-base mismatch.</summary>
    public const string Root = "ACGTACGTAC";

    // root ─┬─ NODE_1 (C2T) ─┬─ tipA (G3A)                         → ATATACGTAC
    //        │                └─ NODE_2 (T4-) ─┬─ tipB (-4T, A5G)   → ATGTGCGTAC (base 4 deleted, then restored)
    //        │                                 └─ tipC (G7C)        → ATG-ACCTAC
    //        └─ tipD (C9G: position 9 holds A, a reference-base mismatch) → ACGTACGTGC
    public const string Json = """
        {"meta": {"genome_annotations": {"nuc": {"start": 1, "end": 10}, "S": {"start": 2, "end": 5, "strand": "+"}}},
         "tree": {"name": "root", "branch_attrs": {"mutations": {}}, "node_attrs": {"clade_membership": {"value": "19A"}},
           "children": [
             {"name": "NODE_1", "branch_attrs": {"mutations": {"nuc": ["C2T"], "S": ["P1L"]}}, "node_attrs": {"clade_membership": {"value": "20A"}},
              "children": [
                {"name": "tipA", "branch_attrs": {"mutations": {"nuc": ["G3A"]}}, "node_attrs": {"clade_membership": {"value": "20I (Alpha, V1)"}, "pango_lineage": {"value": "B.1.1.7"}}},
                {"name": "NODE_2", "branch_attrs": {"mutations": {"nuc": ["T4-"]}}, "node_attrs": {},
                 "children": [
                   {"name": "tipB", "branch_attrs": {"mutations": {"nuc": ["-4T", "A5G"]}}, "node_attrs": {"pango_lineage": {"value": "B.1.351.2"}}},
                   {"name": "tipC", "branch_attrs": {"mutations": {"nuc": ["G7C"]}}, "node_attrs": {"pango_lineage": {"value": "AY.4"}}}
                 ]}
              ]},
             {"name": "tipD", "branch_attrs": {"mutations": {"nuc": ["C9G"]}}, "node_attrs": {"pango_lineage": {"value": "B.1.1.70"}}}
           ]},
         "version": "v2"}
        """;

    /// <summary>The tree as webpack embeds it: JSON.parse over a single-quoted literal (quotes escaped), after a banner.</summary>
    public static string Bundle(string root, string json) =>
        "/*!***!*\\\n  !*** ./src/algorithms/defaults/sars-cov-2/rootSeq.ts ***!\n  \\***/\nvar x=__webpack_require__(/*! ./rootSeq.txt */310);\n" +
        "/*!***!*\\\n  !*** ./src/algorithms/defaults/sars-cov-2/rootSeq.txt ***!\n  \\***/\n" +
        $"/*! exports used: default */function(module,__webpack_exports__,__webpack_require__){{\"use strict\";__webpack_exports__[\"a\"]=\"{root}\\n\"}},\n" +
        "var t=__webpack_require__(/*! src/algorithms/defaults/sars-cov-2/tree.json */311);\n" +
        "/*!***!*\\\n  !*** ./src/algorithms/defaults/sars-cov-2/tree.json ***!\n  \\***/\n" +
        "/*! exports used: default */function(module){module.exports=JSON.parse('" + json.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\r", "").Replace("\n", "") + "')},\n";
}
