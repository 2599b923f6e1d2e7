using System.CommandLine;
using Spectre.Console;
using VqDna.Data;
using VqDna.Datasets;
using VqDna.Datasets.Builders;

namespace VqDna.Cli.Commands;

/// <summary>
/// `vqdna data fetch`: assemble the multi-species corpus from Debian packages.
/// `vqdna data build-tasks`: write the labelled benchmark tasks (GUE layout) from real data.
/// </summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Fetch the real genomes the tokenizers and models train on, and build the benchmark tasks");
        command.Subcommands.Add(CreateFetch());
        command.Subcommands.Add(CreateBuildTasks());
        command.Subcommands.Add(CovidDataCommand.Create());
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

    private static Command CreateBuildTasks()
    {
        var output = new Option<string>("--output") { Description = "folder that receives one GUE-layout folder per task", Required = true };
        var seed = new Option<int>("--seed") { Description = "seed for sampling and splitting; the same seed writes the same files", DefaultValueFactory = _ => 42 };
        var tasks = new Option<string>("--tasks") { Description = $"comma-separated task groups: {string.Join(",", BenchmarkTaskSet.Groups)} (default: all)", DefaultValueFactory = _ => "" };
        var cacheDir = new Option<string>("--cache-dir") { Description = "folder for downloaded packages (shared with `data fetch`)", DefaultValueFactory = _ => "data/cache" };
        var rscript = new Option<string>("--rscript") { Description = "R front end used to read the splice data (.rda)", DefaultValueFactory = _ => "Rscript" };
        var command = new Command("build-tasks", "Build the labelled benchmark tasks (species, coding, promoter, splice, tf) from real data, split by chromosome, contig or genome region")
            { output, seed, tasks, cacheDir, rscript };
        command.Validators.Add(result =>
        {
            var unknown = ParseGroups(result.GetValue(tasks)).Where(g => !BenchmarkTaskSet.Groups.Contains(g)).ToList();
            if (unknown.Count > 0)
                result.AddError($"--tasks: unknown group(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", BenchmarkTaskSet.Groups)}");
        });
        command.SetAction(parse =>
        {
            var outputDir = Path.GetFullPath(parse.GetValue(output)!);
            var set = new BenchmarkTaskSet(parse.GetValue(cacheDir)!, parse.GetValue(rscript)!);
            IReadOnlyList<TaskGroupResult> results = [];
            AnsiConsole.Status().Start("building tasks", ctx =>
            {
                results = set.Build(outputDir, parse.GetValue(seed), ParseGroups(parse.GetValue(tasks)),
                    new SyncProgress<TaskBuildProgress>(p => ctx.Status(Markup.Escape($"{p.Task}: {p.Message}"))));
            });
            foreach (var result in results)
            {
                if (result.Error is not null) AnsiConsole.MarkupLine($"[red]{Markup.Escape(result.Group)} failed:[/] {Markup.Escape(result.Error)}");
                foreach (var task in result.Tasks) AnsiConsole.Write(Summary(task));
            }
            AnsiConsole.MarkupLine($"tasks: [blue]{Markup.Escape(outputDir)}[/]");
            return results.Any(r => r.Error is not null) ? 1 : 0;
        });
        return command;
    }

    private static List<string> ParseGroups(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    /// <summary>One table per task: a row per class with its count and share in each split, then the totals.</summary>
    private static Table Summary(BuiltTask task)
    {
        var counts = task.ClassCounts();
        var totals = counts.Select(c => c.Sum()).ToArray();
        int window = task.Task.Train.Count > 0 ? task.Task.Train[0].Sequence.Length : 0;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(task.Task.Name)}[/] ({window:N0} bp)").AddColumn("class");
        foreach (var split in GueTask.SplitNames) table.AddColumn(new TableColumn(split).RightAligned());
        for (int c = 0; c < task.Task.Labels.Count; c++)
            table.AddRow([Markup.Escape(task.Task.Labels.Names[c]), .. Enumerable.Range(0, 3).Select(s => $"{counts[s][c]:N0} ({(totals[s] == 0 ? 0 : 100.0 * counts[s][c] / totals[s]):F1}%)")]);
        table.AddRow(["[bold]rows[/]", .. totals.Select(t => $"[bold]{t:N0}[/]")]);
        return table;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
