using System.CommandLine;
using Spectre.Console;
using VqDna.Data;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna data fetch`: assemble the multi-species corpus from Debian packages.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Fetch the real genomes the tokenizers and models train on");
        command.Subcommands.Add(CreateFetch());
        return command;
    }

    private static Command CreateFetch()
    {
        var cacheDir = new Option<string>("--cache-dir") { Description = "folder for packages and manifest.tsv (reused on later runs)", DefaultValueFactory = _ => "data/cache" };
        var command = new Command("fetch", "Download the corpus packages (apt-get download + dpkg -x, no install) and write manifest.tsv") { cacheDir };
        command.SetAction(parse =>
        {
            var fetcher = new CorpusFetcher(parse.GetValue(cacheDir)!);
            IReadOnlyList<CorpusEntry> entries = [];
            AnsiConsole.Progress()
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
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"manifest: [blue]{Markup.Escape(fetcher.ManifestPath)}[/]");
            return 0;
        });
        return command;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
