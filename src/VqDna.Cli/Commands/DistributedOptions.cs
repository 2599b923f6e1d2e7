using System.CommandLine;
using System.CommandLine.Invocation;
using Spectre.Console;
using VqDna.Cli.Display;
using VqDna.Cli.Settings;
using VqDna.Torch.Distributed;

namespace VqDna.Cli.Commands;

/// <summary>
/// Data-parallel training for a training command: under torchrun (its variables in the environment) the
/// command joins the process group and trains as one rank; with <c>--nproc N</c> it starts N local workers
/// of itself. Only rank 0 prints; the others print only their error.
/// </summary>
internal static class DistributedOptions
{
    /// <summary>Adds --nproc and --dist-timeout to <paramref name="command"/> and wraps its (already set) action.</summary>
    public static void AddTo(Command command)
    {
        var nproc = new Option<int>("--nproc") { Description = "start this many data-parallel workers on this machine (torchrun's variables set: already a worker)", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--dist-timeout") { Description = "seconds a data-parallel collective waits for a peer before failing", DefaultValueFactory = _ => (int)ProcessGroup.DefaultTimeout.TotalSeconds };
        command.Options.Add(nproc);
        command.Options.Add(timeout);
        var inner = command.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException($"command '{command.Name}' needs its action set before DistributedOptions.AddTo");
        command.SetAction(parse =>
        {
            int workers = parse.GetValue(nproc), seconds = parse.GetValue(timeout);
            var crowded = Check.Config(() => LocalLauncher.CheckWorkers(workers), ("workers", "--nproc"));
            if (seconds < 1) throw new ArgumentOutOfRangeException("--dist-timeout", seconds, "must be at least 1 second");
            var limit = TimeSpan.FromSeconds(seconds);
            if (workers > 1 && DistributedEnvironment.Read() is null)
            {
                if (crowded is not null) Terminal.Err.MarkupLine($"[yellow]warning:[/] --nproc {Markup.Escape(crowded)}");
                var (program, arguments) = LocalLauncher.CurrentCommand();
                return LocalLauncher.Run(workers, program, arguments, limit, Console.Error);
            }
            using var group = ProcessGroup.FromEnvironment(limit);
            if (group is null) return inner.Invoke(parse);
            using var _ = ProcessGroup.SetDefault(group);
            using var silence = group.IsMain ? null : Terminal.SilenceOut();   // errors still reach Terminal.Err
            return inner.Invoke(parse);
        });
    }
}
