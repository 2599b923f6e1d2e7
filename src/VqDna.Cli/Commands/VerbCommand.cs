using System.CommandLine;
using VqDna.Cli.Settings;

namespace VqDna.Cli.Commands;

/// <summary>
/// One verb of `vqdna`: it declares its arguments and options, binds them to a settings record, and runs.
/// Parsing, validation and display live here; the work is the library's. A new verb derives from this and
/// is added in <see cref="Program.BuildRoot"/>.
/// </summary>
/// <typeparam name="TSettings">The verb's settings record.</typeparam>
internal abstract class VerbCommand<TSettings> where TSettings : IVerbSettings
{
    /// <summary>The System.CommandLine command, with its action: bind, validate, run.</summary>
    public Command Create()
    {
        var command = Declare();
        command.SetAction(parse =>
        {
            var settings = Bind(parse);
            settings.Validate();
            return Run(settings);
        });
        if (DataParallel) DistributedOptions.AddTo(command);
        return command;
    }

    /// <summary>
    /// The settings a command line binds to, unvalidated and without running anything: what the verb would be
    /// given (tests check that its defaults are the library's).
    /// </summary>
    public TSettings BindArguments(params string[] arguments) => Bind(Create().Parse(arguments));

    /// <summary>A training verb: it takes --nproc and --dist-timeout and runs as one rank under torchrun.</summary>
    protected virtual bool DataParallel => false;

    /// <summary>The command with its name, description, arguments and options.</summary>
    protected abstract Command Declare();

    /// <summary>Reads the parsed values into the settings record (no checks: <see cref="IVerbSettings.Validate"/> does them).</summary>
    protected abstract TSettings Bind(ParseResult parse);

    /// <summary>Does the work and shows the result; returns the exit code.</summary>
    protected abstract int Run(TSettings settings);
}
