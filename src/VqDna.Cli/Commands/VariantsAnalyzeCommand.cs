using System.CommandLine;
using Spectre.Console;
using VqDna.Analysis.Variants;
using VqDna.Cli.Display;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna analyze variants`: tokens around SARS-CoV-2 variant mutations and per-genome embeddings, with a report.</summary>
internal static class VariantsAnalyzeCommand
{
    public static Command Create()
    {
        var tokenizers = new Option<string[]>("--tokenizer") { Description = "learned tokenizer folder (HRQ or VQ); repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
        var model = new Option<string?>("--model") { Description = "pre-trained encoder folder (`vqdna pretrain`); its pooled output is projected too" };
        var covid = new Option<string>("--covid") { Description = "folder written by `vqdna data covid`", DefaultValueFactory = _ => "data/cache/covid" };
        var output = new Option<string>("--output", "-o") { Description = "output folder (report.md, token_change.csv, projections.csv, variants.json)", DefaultValueFactory = _ => "runs/variants" };
        var maxDistance = new Option<int>("--max-distance") { Description = "largest distance from a mutation in the token-change curves", DefaultValueFactory = _ => 50 };
        var bpeVocab = new Option<int>("--bpe-vocab") { Description = "BPE vocabulary (the corpus is one 30 kb genome in a few dozen copies)", DefaultValueFactory = _ => 1024 };
        var region = new Option<string>("--encoder-region") { Description = "root positions START-END the encoder embeds (default: the spike gene); 'all' for whole genomes", DefaultValueFactory = _ => "21563-25384" };
        var seed = new Option<int>("--seed") { Description = "seed of the BPE genome sample and the window offsets", DefaultValueFactory = _ => 0 };
        var command = new Command("variants", "SARS-CoV-2 variant study: how tokens change around defining mutations; PCA/t-SNE of per-genome embeddings with silhouettes")
            { tokenizers, model, covid, output, maxDistance, bpeVocab, region, seed };
        command.SetAction(parse =>
        {
            var encoderRegion = ParseRegion(parse.GetValue(region))
                ?? throw new ArgumentException($"--encoder-region '{parse.GetValue(region)}': expected START-END (1-based root positions) or 'all'");
            var settings = new VariantAnalysisSettings(parse.GetValue(tokenizers)!, parse.GetValue(model), parse.GetValue(covid)!,
                MaxDistance: parse.GetValue(maxDistance), IsolationRadius: 2 * parse.GetValue(maxDistance), BpeVocab: parse.GetValue(bpeVocab), Seed: parse.GetValue(seed),
                EncoderStart: encoderRegion.Start, EncoderEnd: encoderRegion.End).Validate();
            var outputDir = parse.GetValue(output)!;
            var result = VariantAnalysis.Run(settings, new LineLog());
            VariantReport.Write(outputDir, settings, result, new ScottPlotVariantCharts(), RunEnvironment.Capture());

            var curves = new Table().Border(TableBorder.Rounded).Title("changed-token rate by distance (isolated sites)").AddColumn("tokens");
            foreach (int d in VariantReport.TableDistances) curves.AddColumn(new TableColumn($"d={d}").RightAligned());
            foreach (var c in result.Curves)
                curves.AddRow([Markup.Escape(c.Label), .. VariantReport.TableDistances.Select(d => d < c.Points.Count && c.Points[d].IsolatedRate is { } r ? $"{r:F3}" : "–")]);
            Terminal.Out.Write(curves);
            var projections = new Table().Border(TableBorder.Rounded).Title("silhouette by variant").AddColumn("feature")
                .AddColumn(new TableColumn("original").RightAligned()).AddColumn(new TableColumn("PCA").RightAligned()).AddColumn(new TableColumn("t-SNE").RightAligned());
            foreach (var p in result.Projections)
                projections.AddRow(Markup.Escape(p.Feature), $"{p.SilhouetteOriginal:F3}", $"{p.SilhouettePca:F3}", $"{p.SilhouetteTsne:F3}");
            Terminal.Out.Write(projections);
            Terminal.Out.MarkupLine($"report: [blue]{Markup.Escape(Path.Combine(outputDir, "report.md"))}[/]");
            return 0;
        });
        return command;
    }

    private static (int Start, int End)? ParseRegion(string? text)
    {
        if (text == "all") return (0, 0);
        var parts = (text ?? "").Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out int start) && int.TryParse(parts[1], out int end) && start >= 1 && end >= start ? (start, end) : null;
    }

    private sealed class LineLog : IProgress<string>
    {
        public void Report(string value) => Terminal.Out.MarkupLine($"[blue]{Markup.Escape(value)}[/]");
    }
}
