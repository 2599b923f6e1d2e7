using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Data;
using VqDna.Datasets;
using VqDna.Datasets.Builders;

namespace VqDna.Cli.Commands;

/// <summary>`vqdna data build-tasks`: write the labelled benchmark tasks (GUE layout) from real data.</summary>
internal sealed class DataBuildTasksCommand : VerbCommand<BuildTasksSettings>
{
    private readonly Option<string> output = new("--output") { Description = "folder that receives one GUE-layout folder per task", Required = true };
    private readonly Option<int> seed = new("--seed") { Description = "seed for sampling and splitting; the same seed writes the same files", DefaultValueFactory = _ => BenchmarkTaskSet.DefaultSeed };
    private readonly Option<string> tasks = new("--tasks") { Description = $"comma-separated task groups: {string.Join(",", BenchmarkTaskSet.Groups)} (default: all)", DefaultValueFactory = _ => "" };
    private readonly Option<string> cacheDir = new("--cache-dir") { Description = "folder for downloaded packages (shared with `data fetch`)", DefaultValueFactory = _ => CorpusFetcher.DefaultCacheDir };
    private readonly Option<string> rscript = new("--rscript") { Description = "R front end used to read the splice data (.rda)", DefaultValueFactory = _ => BenchmarkTaskSet.DefaultRscript };

    protected override Command Declare() => new("build-tasks", "Build the labelled benchmark tasks (species, coding, promoter, splice, tf) from real data, split by chromosome, contig or genome region")
    {
        output, seed, tasks, cacheDir, rscript,
    };

    protected override BuildTasksSettings Bind(ParseResult parse) => new(
        parse.GetValue(output)!, parse.GetValue(seed),
        (parse.GetValue(tasks) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList(),
        parse.GetValue(cacheDir)!, parse.GetValue(rscript)!);

    protected override int Run(BuildTasksSettings settings)
    {
        var console = Terminal.Out;
        var outputDir = Path.GetFullPath(settings.Output);
        var set = new BenchmarkTaskSet(settings.CacheDir, settings.Rscript);
        IReadOnlyList<TaskGroupResult> results = [];
        console.Status().Start("building tasks", ctx =>
        {
            results = set.Build(outputDir, settings.Seed, [.. settings.Groups],
                new SyncProgress<TaskBuildProgress>(p => ctx.Status(Markup.Escape($"{p.Task}: {p.Message}"))));
        });
        foreach (var result in results)
        {
            if (result.Error is not null) Terminal.Err.MarkupLine($"[red]{Markup.Escape(result.Group)} failed:[/] {Markup.Escape(result.Error)}");
            foreach (var task in result.Tasks) console.Write(Summary(task));
        }
        console.MarkupLine($"tasks: [blue]{Markup.Escape(outputDir)}[/]");
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

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
}
