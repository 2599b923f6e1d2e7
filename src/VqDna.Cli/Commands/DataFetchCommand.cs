using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Data;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna data fetch`: assemble the multi-species corpus from Debian packages.</summary>
internal sealed class DataFetchCommand : VerbCommand<DataFetchSettings>
{
    private readonly Option<string> cacheDir = new("--cache-dir") { Description = "folder for packages and manifest.tsv (reused on later runs)", DefaultValueFactory = _ => CorpusFetcher.DefaultCacheDir };

    /// <summary>The `data` group and its verbs.</summary>
    public static Command Group() => new("data", "Fetch the real genomes the tokenizers and models train on, and build the benchmark tasks")
    {
        new DataFetchCommand().Create(),
        new DataBuildTasksCommand().Create(),
        new CovidDataCommand().Create(),
    };

    protected override Command Declare() => new("fetch", "Download the corpus packages (apt-get download + dpkg -x, no install) and write manifest.tsv") { cacheDir };

    protected override DataFetchSettings Bind(ParseResult parse) => new(parse.GetValue(cacheDir)!);

    protected override int Run(DataFetchSettings settings)
    {
        var console = Terminal.Out;
        var fetcher = new CorpusFetcher(settings.CacheDir);
        IReadOnlyList<CorpusEntry> entries = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("corpus", maxValue: fetcher.Sources.Count);
                entries = fetcher.Fetch(new SyncProgress<CorpusProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{p.Step}: {p.Species}");
                }));
                task.Description = "corpus";
            });
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("species").AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("bp").RightAligned()).AddColumn("package");
        foreach (var e in entries)
            table.AddRow(Markup.Escape(e.Species), e.Records.ToString("N0"), e.BasePairs.ToString("N0"), Markup.Escape(e.Package));
        table.AddRow("[bold]total[/]", entries.Sum(e => e.Records).ToString("N0"), $"[bold]{entries.Sum(e => e.BasePairs):N0}[/]", "");
        console.Write(table);
        console.MarkupLine($"manifest: [blue]{Markup.Escape(fetcher.ManifestPath)}[/]");
        return 0;
    }
}
