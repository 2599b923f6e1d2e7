using Spectre.Console;

namespace VqDna.Cli.Display;

/// <summary>
/// The two consoles every verb writes to: <see cref="Out"/> for results, <see cref="Err"/> for errors (and for
/// progress when standard output carries data). A stream that is not a terminal gets plain text: no ANSI codes, no
/// colours, no wrapping at the terminal width (issue 7: piped output held colour codes and paths split at 80
/// columns). NO_COLOR (https://no-color.org) turns colours off on a terminal too.
/// </summary>
internal static class Terminal
{
    /// <summary>The width given to a redirected stream: wide enough that no line of ours is ever wrapped.</summary>
    public const int PlainWidth = 1 << 16;

    public static IAnsiConsole Out { get; private set; } = AnsiConsole.Console;
    public static IAnsiConsole Err { get; private set; } = AnsiConsole.Console;

    /// <summary>Creates both consoles from the real streams; call once at start-up.</summary>
    public static void Configure()
    {
        bool noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        Out = Create(Console.Out, Console.IsOutputRedirected, noColor);
        Err = Create(Console.Error, Console.IsErrorRedirected, noColor);
        AnsiConsole.Console = Out;
    }

    /// <summary>The console for a verb's summary: stderr when its data goes to stdout, so stdout carries data only.</summary>
    public static IAnsiConsole For(bool dataOnStandardOutput) => dataOnStandardOutput ? Err : Out;

    /// <summary>Sends <see cref="Out"/> nowhere until disposed: data-parallel ranks other than 0 print only their errors.</summary>
    public static IDisposable SilenceOut()
    {
        var previous = Out;
        Out = Create(TextWriter.Null, redirected: true, noColor: true);
        AnsiConsole.Console = Out;
        return new Restore(previous);
    }

    private sealed class Restore(IAnsiConsole previous) : IDisposable
    {
        public void Dispose()
        {
            Out = previous;
            AnsiConsole.Console = previous;
        }
    }

    private static IAnsiConsole Create(TextWriter writer, bool redirected, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected) console.Profile.Width = PlainWidth;
        return console;
    }
}
