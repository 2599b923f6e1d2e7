using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Commands;
using VqDna.Cli.Display;

namespace VqDna.Cli;

/// <summary>Entry point of `vqdna`: one command class per verb; one top-level catch that prints the error on stderr.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Terminal.Configure();
        try
        {
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0) return ParseError(parse);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
    /// A command line that does not parse: its first error and a usage hint on stderr, exit 1 (issue 19: the whole
    /// help went to stdout, into the data stream under `-o -`).
    /// </summary>
    private static int ParseError(ParseResult parse)
    {
        var words = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            words.Insert(0, result.Command.Name);
        words[0] = "vqdna";
        // The error that names what the user typed wrong (`vqdna frobnicate`: the unknown word, not "Required command
        // was not provided") comes first.
        var first = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
        var more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : "";
        Terminal.Err.MarkupLine($"[red]error:[/] {Markup.Escape(first.Message)}{more}");
        Terminal.Err.MarkupLine(Markup.Escape($"usage: see `{string.Join(' ', words)} --help`"));
        return 1;
    }

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
