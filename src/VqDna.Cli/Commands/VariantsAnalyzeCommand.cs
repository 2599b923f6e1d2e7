using System.CommandLine;
using Spectre.Console;
using VqDna.Analysis.Variants;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Training.Engine;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna analyze variants`: tokens around SARS-CoV-2 variant mutations and per-genome embeddings, with a report.</summary>
internal sealed class VariantsAnalyzeCommand : VerbCommand<VariantsAnalyzeSettings>
{
    private readonly Option<string[]> tokenizers = new("--tokenizer") { Description = "learned tokenizer folder (HRQ or VQ); repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> model = new("--model") { Description = "pre-trained encoder folder (`vqdna pretrain`); its pooled output is projected too" };
    private readonly Option<string> covid = new("--covid") { Description = "folder written by `vqdna data covid`", DefaultValueFactory = _ => "data/cache/covid" };
    private readonly Option<string> output = new("--output", "-o") { Description = "output folder (report.md, token_change.csv, projections.csv, variants.json)", DefaultValueFactory = _ => "runs/variants" };
    private readonly Option<int> maxDistance = new("--max-distance") { Description = "largest distance from a mutation in the token-change curves", DefaultValueFactory = _ => VariantAnalysisSettings.DefaultMaxDistance };
    private readonly Option<int> bpeVocab = new("--bpe-vocab") { Description = "BPE vocabulary (the corpus is one 30 kb genome in a few dozen copies)", DefaultValueFactory = _ => VariantAnalysisSettings.DefaultBpeVocab };
    private readonly Option<string> region = new("--encoder-region") { Description = "root positions START-END the encoder embeds (default: the spike gene); 'all' for whole genomes", DefaultValueFactory = _ => $"{VariantAnalysisSettings.SpikeStart}-{VariantAnalysisSettings.SpikeEnd}" };
    private readonly Choice<InferenceEngine> engine = EngineOption.Create("the learned tokenizers' encoders");
    private readonly Option<int> seed = new("--seed") { Description = "seed of the BPE genome sample and the window offsets", DefaultValueFactory = _ => 0 };

    protected override Command Declare() => new("variants",
        "SARS-CoV-2 variant study: how tokens change around defining mutations; PCA/t-SNE of per-genome embeddings with silhouettes")
    {
        tokenizers, model, covid, output, maxDistance, bpeVocab, region, seed, engine.Option,
    };

    protected override VariantsAnalyzeSettings Bind(ParseResult parse) => new(parse.GetValue(tokenizers) ?? [], parse.GetValue(model), parse.GetValue(covid)!,
        parse.GetValue(output)!, parse.GetValue(maxDistance), parse.GetValue(bpeVocab), parse.GetValue(region)!, parse.GetValue(seed), engine.Get(parse));

    protected override int Run(VariantsAnalyzeSettings settings)
    {
        var console = Terminal.Out;
        var analysis = settings.ToLibrary();
        var result = VariantAnalysis.Run(analysis, new SyncProgress<string>(line => console.MarkupLine($"[blue]{Markup.Escape(line)}[/]")));
        VariantReport.Write(settings.Output, analysis, result, new ScottPlotVariantCharts(), RunEnvironment.Capture());

        var curves = new Table().Border(TableBorder.Rounded).Title("changed-token rate by distance (isolated sites)").AddColumn("tokens");
        foreach (int d in VariantReport.TableDistances) curves.AddColumn(new TableColumn($"d={d}").RightAligned());
        foreach (var c in result.Curves)
            curves.AddRow([Markup.Escape(c.Label), .. VariantReport.TableDistances.Select(d => d < c.Points.Count && c.Points[d].IsolatedRate is { } r ? $"{r:F3}" : "–")]);
        console.Write(curves);
        var projections = new Table().Border(TableBorder.Rounded).Title("silhouette by variant").AddColumn("feature")
            .AddColumn(new TableColumn("original").RightAligned()).AddColumn(new TableColumn("PCA").RightAligned()).AddColumn(new TableColumn("t-SNE").RightAligned());
        foreach (var p in result.Projections)
            projections.AddRow(Markup.Escape(p.Feature), $"{p.SilhouetteOriginal:F3}", $"{p.SilhouettePca:F3}", $"{p.SilhouetteTsne:F3}");
        console.Write(projections);
        console.MarkupLine($"report: [blue]{Markup.Escape(Path.Combine(settings.Output, "report.md"))}[/]");
        return 0;
    }
}
