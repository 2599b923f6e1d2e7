using System.CommandLine;
using VqDna.IO;

namespace VqDna.Cli.Settings;

/// <summary>The --format option of codes files: "tsv" or "jsonl"; by default the file's extension decides (TSV for "-").</summary>
internal static class CodesFormatOption
{
    public static Option<string?> Create(string description)
    {
        var option = new Option<string?>("--format") { Description = $"{description}: tsv or jsonl (default: from the file's extension; tsv for -)", HelpName = "tsv|jsonl" };
        option.AcceptOnlyFromAmong("tsv", "jsonl");
        return option;
    }

    public static CodesFormat? Parse(string? text) => text switch
    {
        null => null,
        "jsonl" => CodesFormat.JsonLines,
        _ => CodesFormat.Tsv,
    };

    /// <summary>The format of <paramref name="path"/>: --format, else its extension, else TSV for "-"; an unknown extension is an error naming <paramref name="option"/>.</summary>
    public static CodesFormat Resolve(string option, string path, CodesFormat? explicitFormat) =>
        explicitFormat ?? CodesFile.FormatOf(path)
        ?? (path == CodesFile.StandardStream ? CodesFormat.Tsv
            : throw UsageException.BadPath(option, path, "must end in .tsv or .jsonl (or give --format)"));
}
