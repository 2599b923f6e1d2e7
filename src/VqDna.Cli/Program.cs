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
            return BuildRoot().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Expected failures (bad options, bad input, missing files, libtorch errors) print their message, not a stack trace.
            Terminal.Err.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            if (Environment.GetEnvironmentVariable("VQDNA_DEBUG") == "1") Terminal.Err.WriteException(e);
            return 1;
        }
    }

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
            new PredictCommand().Create(),
            new EmbedCommand().Create(),
            new ExportCommand().Create(),
            new BenchCommand().Create(),
            new QuickstartCommand().Create(),
        },
    };
}
