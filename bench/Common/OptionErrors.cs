using System.Runtime.CompilerServices;

namespace VqDna.Bench;

/// <summary>
/// Reports a benchmark's bad option (an <see cref="ArgumentException"/> or <see cref="FormatException"/> from its
/// option parser) as one line on stderr and exit code 2, the way `vqdna` reports bad input, instead of the runtime's
/// unhandled-exception stack trace. Any other failure still ends with its trace: that is a bug to read.
/// </summary>
internal static class OptionErrors
{
    [ModuleInitializer]
    internal static void Install() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is not (ArgumentException or FormatException)) return;
            Console.Error.WriteLine($"bench {AppDomain.CurrentDomain.FriendlyName}: {((Exception)e.ExceptionObject).Message}");
            Environment.Exit(2);
        };
}
