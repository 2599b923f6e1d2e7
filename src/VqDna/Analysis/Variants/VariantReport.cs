using System.Globalization;
using System.Text;
using VqDna.Datasets.Covid;
using VqDna.IO;

namespace VqDna.Analysis.Variants;

/// <summary>
/// Writes the study's files: token_change.csv (one row per curve and distance), projections.csv (2-D coordinates
/// per feature set, method and genome), variants.json (every number and the settings) and report.md with its tables
/// and figures. Without an <see cref="IVariantCharts"/> the report names, in place of each figure, the CSV and
/// columns it is drawn from.
/// </summary>
public static class VariantReport
{
    /// <summary>Distances shown in the report's tables (all are in token_change.csv).</summary>
    public static readonly int[] TableDistances = [0, 1, 2, 3, 5, 10, 20, 50];

    /// <summary>
    /// Writes the study's files into <paramref name="outputDir"/>; <paramref name="environment"/> goes into variants.json beside the
    /// settings.
    /// </summary>
    public static void Write(string outputDir, VariantAnalysisSettings settings, VariantAnalysisResult result, IVariantCharts? charts, object environment)
    {
        Directory.CreateDirectory(outputDir);
        WriteCurves(Path.Combine(outputDir, "token_change.csv"), result.Curves);
        WriteProjections(Path.Combine(outputDir, "projections.csv"), result);
        JsonFiles.Write(Path.Combine(outputDir, "variants.json"), new
        {
            settings,
            environment,
            genomes_per_variant = result.GenomesPerVariant,
            result.Sites,
            result.IsolatedSites,
            bpe = new { vocabulary = result.BpeVocabulary, mean_token_length = result.BpeMeanTokenLength, training_sequences = result.BpeTrainingGenomes },
            curves = result.Curves,
            projections = result.Projections.Select(p => new
            {
                p.Feature, p.Dimensions, silhouette_original = p.SilhouetteOriginal, silhouette_pca = p.SilhouettePca,
                silhouette_tsne = p.SilhouetteTsne, pca_explained = p.PcaExplained,
            }),
        });
        AtomicFile.WriteAllText(Path.Combine(outputDir, "report.md"), Markdown(outputDir, settings, result, charts));
    }

    private static string Markdown(string outputDir, VariantAnalysisSettings settings, VariantAnalysisResult result, IVariantCharts? charts)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line("# SARS-CoV-2 variants: tokens around mutations, genomes in embedding space");
        Line();
        Line($"Genomes rebuilt from Nextclade {NextcladePackage.Version}'s reference tree (`vqdna data covid`, folder `{settings.CovidDir}`), nine GUE variants:");
        Line();
        Line("| " + string.Join(" | ", result.GenomesPerVariant.Keys) + " | total |");
        Line("|" + string.Concat(Enumerable.Repeat(" ---: |", result.GenomesPerVariant.Count + 1)));
        Line("| " + string.Join(" | ", result.GenomesPerVariant.Values) + $" | {result.GenomesPerVariant.Values.Sum()} |");
        Line();

        Line("## How far one mutation changes the tokens");
        Line();
        Line($"For every genome and every defining substitution of its variant that it carries ({result.Sites:N0} sites; a mutation defines a variant when ≥ 90% of its genomes carry it), " +
             $"the share of positions at distance d (both sides) whose token differs between the genome and the reference genome. For a learned tokenizer, the token of a base is its code at that level " +
             $"(codes are computed on whole genomes and do not depend on window starts). For BPE (vocabulary {result.BpeVocabulary:N0}, trained on the reference and {result.BpeTrainingGenomes - 1} training-split genomes; " +
             $"mean token {result.BpeMeanTokenLength:F2} bases on the reference) and non-overlapping {settings.Kmer}-mers, each site is tokenized in a window of root coordinates starting at a random offset, " +
             "and a position has changed when the covering token's id or span differs. Positions deleted in the genome are skipped.");
        Line();
        CurveTable(md, result.Curves, isolated: false);
        Line();
        Line($"Isolated sites only ({result.IsolatedSites:N0}: no other difference from the reference within {settings.IsolationRadius} bases, so nothing but this one substitution can change the tokens):");
        Line();
        CurveTable(md, result.Curves, isolated: true);
        Line();
        var series = result.Curves.Select(c => (c.Label, c.Points.Select(p => (double)p.Distance).ToArray(),
            c.Points.Select(p => p.IsolatedRate ?? p.Rate ?? 0).ToArray())).ToList();
        Figure(md, outputDir, "token_change", "Changed-token rate against distance from an isolated defining substitution", "token_change.csv: x = distance, y = isolated_rate, one line per label",
            charts is null ? null : () => charts.Lines(series, Path.Combine(outputDir, "token_change"), "Tokens changed around a substitution", "distance from the mutation (bases)", "changed-token rate (isolated sites)"));
        Line();

        Line("## Genomes in embedding space");
        Line();
        Line("One vector per genome: the mean learned-tokenizer embedding over the genome's bases; its code profile (each level's code frequencies, side by side); " +
             "the token profile (token frequencies: the mean one-hot embedding) of BPE and of non-overlapping k-mers over the whole genome, where a deletion that is not a multiple of k shifts every later k-mer; " +
             "and, when a pre-trained model was given, the encoder's pooled output (mean over 512-token chunks, weighted by length) over " +
             (settings.EncoderStart == 0 ? "the whole genome. " : $"root positions {settings.EncoderStart:N0}–{settings.EncoderEnd:N0} (the spike gene by default: a whole genome through the encoder costs ~8× more). ") + "Projected to 2-D by PCA (power iteration) and exact t-SNE (perplexity 30), both with our tensor ops. " +
             "The silhouette by variant (−1..1, higher = variants better separated) is given in the original space and in each projection.");
        Line();
        Line("| feature | dims | silhouette (original) | PCA | PCA variance PC1 + PC2 | t-SNE |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in result.Projections)
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Feature} | {p.Dimensions} | {p.SilhouetteOriginal:F3} | {p.SilhouettePca:F3} | {100 * p.PcaExplained[0]:F1}% + {100 * p.PcaExplained[1]:F1}% | {p.SilhouetteTsne:F3} |"));
        Line();
        var classes = result.Genomes.Select(g => g.Variant).ToArray();
        foreach (var p in result.Projections)
            foreach (var (method, coordinates) in new[] { ("PCA", p.Pca), ("t-SNE", p.Tsne) })
            {
                var name = $"{Slug(p.Feature)}_{Slug(method)}";
                var x = Enumerable.Range(0, coordinates.GetLength(0)).Select(i => coordinates[i, 0]).ToArray();
                var y = Enumerable.Range(0, coordinates.GetLength(0)).Select(i => coordinates[i, 1]).ToArray();
                Figure(md, outputDir, name, $"{p.Feature}, {method}, coloured by variant", $"projections.csv rows with feature = \"{p.Feature}\", method = \"{method}\": x, y, colour = variant",
                    charts is null ? null : () => charts.Scatter(x, y, classes, Path.Combine(outputDir, name), $"{p.Feature}: {method}", $"{method} 1", $"{method} 2"));
            }
        Line();

        Line("## Classification (macro F1 per tokenizer)");
        Line();
        Line($"The 1 kb task is `{Path.Combine(settings.CovidDir, new CovidTaskConfig().TaskName)}` (GUE layout, split by genome). Its name contains `covid`, so `vqdna bench` scores it by macro F1:");
        Line();
        Line("```sh");
        Line($"vqdna bench --tasks {Path.Combine(settings.CovidDir, new CovidTaskConfig().TaskName)} --tokenizers char,6mer,bpe,vq,hrq -o runs/bench-covid");
        Line("```");
        Line();
        Line("`vqdna bench` trains its own tokenizers and encoders under one budget; its bench.md holds the F1 table.");
        return md.ToString();
    }

    private static void CurveTable(StringBuilder md, IReadOnlyList<TokenChangeCurve> curves, bool isolated)
    {
        md.Append("| tokens | vocabulary | " + string.Join(" | ", TableDistances.Select(d => $"d = {d}")) + " |\n");
        md.Append("| --- | ---: |" + string.Concat(TableDistances.Select(_ => " ---: |")) + "\n");
        foreach (var c in curves)
        {
            var cells = TableDistances.Select(d => d < c.Points.Count ? (isolated ? c.Points[d].IsolatedRate : c.Points[d].Rate) : null)
                .Select(r => r is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{r:F3}"));
            md.Append($"| {c.Label} | {c.Vocabulary:N0} | {string.Join(" | ", cells)} |\n");
        }
    }

    /// <summary>Draws a figure when charts are available; otherwise leaves a marked placeholder naming its data.</summary>
    private static void Figure(StringBuilder md, string outputDir, string name, string caption, string data, Func<string>? draw)
    {
        if (draw is not null)
        {
            var png = draw();
            md.Append($"![{caption}]({Path.GetRelativePath(outputDir, png)})\n\n");
            return;
        }
        md.Append($"> **Figure not drawn** ({name}): {caption}. Data: {data}.\n\n");
    }

    private static void WriteCurves(string path, IReadOnlyList<TokenChangeCurve> curves)
    {
        var csv = new StringBuilder("label,tokenizer,level,vocabulary,distance,positions,changed,rate,isolated_positions,isolated_changed,isolated_rate\n");
        foreach (var c in curves)
            foreach (var p in c.Points)
                csv.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Label},{c.Tokenizer},{c.Level},{c.Vocabulary},{p.Distance},{p.Positions},{p.Changed},{p.Rate:F6},{p.IsolatedPositions},{p.IsolatedChanged},{p.IsolatedRate:F6}\n"));
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static void WriteProjections(string path, VariantAnalysisResult result)
    {
        var csv = new StringBuilder("feature,method,genome,variant,split,x,y\n");
        foreach (var p in result.Projections)
            foreach (var (method, coordinates) in new[] { ("PCA", p.Pca), ("t-SNE", p.Tsne) })
                for (int i = 0; i < result.Genomes.Count; i++)
                {
                    var g = result.Genomes[i];
                    csv.Append(string.Create(CultureInfo.InvariantCulture,
                        $"{Quote(p.Feature)},{method},{Quote(g.Name)},{g.Variant},{g.Split},{coordinates[i, 0]:R},{coordinates[i, 1]:R}\n"));
                }
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static string Quote(string field) => field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;

    private static string Slug(string text) => new(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
