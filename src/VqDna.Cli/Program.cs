using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Commands;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;

namespace VqDna.Cli;

/// <summary>Entry point of `vqdna`: one command class per verb; one top-level catch that prints the error on stderr.</summary>
public static partial class Program
{
    /// <summary>
    /// Runs the verb that <paramref name="args"/> name; returns its exit code: 0 on success, 1 on an error, <see cref="UsageExitCode"/> on
    /// a usage error, <see cref="BrokenPipeExitCode"/> when standard output was closed.
    /// </summary>
    public static int Main(string[] args)
    {
        Terminal.Configure();
        ParseResult? parse = null;
        try
        {
            parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0) return ParseError(parse);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e) when (parse is not null)
        {
            // An option value the command cannot use (range, path, combination): the same one line and hint as a parse error.
            return UsageError(parse, e.Message);
        }
        catch (IOException e) when (IsBrokenPipe(e))
        {
            // .NET ignores SIGPIPE, so a closed reader (`| head`) surfaces here; stop with the shell's SIGPIPE status (issue 19).
            Terminal.Err.MarkupLine("[red]error:[/] standard output was closed (broken pipe); stopped");
            return BrokenPipeExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Expected failures (bad options, bad input, missing files, libtorch errors) print their message, not a stack trace.
            Terminal.Err.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            if (Environment.GetEnvironmentVariable("VQDNA_DEBUG") == "1") Terminal.Err.WriteException(e);
            return 1;
        }
    }

    /// <summary>
    /// A command line that does not parse: its first error and a usage hint on stderr (issue 19: the whole help went to
    /// stdout, into the data stream under `-o -`).
    /// </summary>
    private static int ParseError(ParseResult parse)
    {
        // The error that names what the user typed wrong (`vqdna frobnicate`: the unknown word, not "Required command
        // was not provided") comes first.
        var first = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
        var more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : "";
        return UsageError(parse, Readable(first.Message) + more);
    }

    /// <summary>
    /// System.CommandLine names the CLR type a value failed to parse as ("as expected type 'System.Nullable`1[System.Int32]'");
    /// a user is told what to type instead (": expected an integer").
    /// </summary>
    internal static string Readable(string message) => ExpectedType().Replace(message, match =>
    {
        var type = match.Groups["type"].Value;
        var inner = type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? type["System.Nullable`1[".Length..^1] : type;
        return inner switch
        {
            "System.Int32" or "System.Int64" => ": expected an integer",
            "System.UInt32" or "System.UInt64" => ": expected a whole number, 0 or more",
            "System.Double" or "System.Single" => ": expected a number",
            "System.Boolean" => ": expected true or false",
            _ => match.Value,
        };
    });

    [System.Text.RegularExpressions.GeneratedRegex(" as expected type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ExpectedType();

    /// <summary>
    /// Any command line the user must change (it does not parse, or an option's value is refused): the message on one
    /// line, then `usage: see `vqdna VERB --help``, both on stderr; exit <see cref="UsageExitCode"/>.
    /// </summary>
    private static int UsageError(ParseResult parse, string message)
    {
        var words = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            words.Insert(0, result.Command.Name);
        words[0] = "vqdna";
        Terminal.Err.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        Terminal.Err.MarkupLine(Markup.Escape($"usage: see `{string.Join(' ', words)} --help`"));
        return UsageExitCode;
    }

    /// <summary>A command line the user must change (as getopt-style tools and Python's argparse exit), unlike a failure of the work (1).</summary>
    public const int UsageExitCode = 2;

    /// <summary>128 + SIGPIPE: what a shell reports for a process killed by a closed pipe.</summary>
    public const int BrokenPipeExitCode = 141;

    private static bool IsBrokenPipe(IOException e) =>
        e.HResult == 32 /* EPIPE */ || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every verb, grouped as users type them.</summary>
    internal static RootCommand BuildRoot() => new("VQDNA.NET: learned vector-quantized DNA tokenizers, baselines and benchmarks")
    {
        HelpName = "vqdna",
        Subcommands =
        {
            new InfoCommand().Create(),
            TokenizerTrainCommand.Group(),
            DataFetchCommand.Group(),
            new TokenizeCommand().Create(),
            new DetokenizeCommand().Create(),
            AnalyzeEfficiencyCommand.Group(),
            new PretrainCommand().Create(),
            new FinetuneCommand().Create(),
            new BaselineCommand().Create(),
            new PredictCommand().Create(),
            new EmbedCommand().Create(),
            new ExportCommand().Create(),
            new BenchCommand().Create(),
            new QuickstartCommand().Create(),
        },
    };
}
