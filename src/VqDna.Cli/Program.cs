using System.CommandLine;
using Spectre.Console;
using VqDna.Cli.Commands;

namespace VqDna.Cli;

/// <summary>Entry point of `vqdna`: one sub-command per user task; one top-level catch.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("VQDNA.NET: learned vector-quantized DNA tokenizers, baselines and benchmarks") { HelpName = "vqdna" };
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(TokenizerCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TokenizeCommand.Create());
        root.Subcommands.Add(DetokenizeCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(FinetuneCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(QuickstartCommand.Create());
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Expected failures (bad input, missing files, libtorch errors) print their message, not a stack trace.
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            if (Environment.GetEnvironmentVariable("VQDNA_DEBUG") == "1") AnsiConsole.WriteException(e);
            return 1;
        }
    }
}
