using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VqDna.Torch.Distributed;

/// <summary>
/// Starts N workers of a command on this machine with torchrun's variables set (rank 0 hosts the store on a
/// free loopback port), for users without torchrun: the same command line, once per rank. Like torchrun's
/// agent, when a worker fails the others get the process-group timeout (plus a grace period) to fail in turn
/// (naming the lost rank), then are killed; the launcher returns the first failure's exit code.
/// </summary>
public static class LocalLauncher
{
    /// <summary>The most workers started on one machine: each holds a model and its batches (issue 19: 64 workers on 2 cores took 3 GB).</summary>
    public const int MaxWorkers = 256;

    /// <summary>
    /// Refuses a worker count below 1 or above <see cref="MaxWorkers"/>; returns a warning when it exceeds the
    /// machine's cores (the workers then share cores and each step waits for the slowest), else null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Named "workers".</exception>
    public static string? CheckWorkers(int workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "must be at least 1");
        if (workers > MaxWorkers) throw new ArgumentOutOfRangeException(nameof(workers), workers, $"must be at most {MaxWorkers}");
        return workers > Environment.ProcessorCount
            ? $"{workers} workers on {Environment.ProcessorCount} cores: workers will share cores and each step waits for the slowest"
            : null;
    }

    /// <summary>Runs <paramref name="workers"/> copies of <paramref name="fileName"/> <paramref name="arguments"/>; returns 0 when all succeed.</summary>
    public static int Run(int workers, string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, TextWriter? log = null)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "need at least one worker");
        int port = FreePort();
        var processes = new List<Process>();
        try
        {
            for (int rank = 0; rank < workers; rank++)
            {
                var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
                foreach (var a in arguments) start.ArgumentList.Add(a);
                var env = new DistributedEnvironment("127.0.0.1", port, rank, workers, rank, workers, 0, false);
                foreach (var (key, value) in env.ToVariables()) start.Environment[key] = value;
                processes.Add(Process.Start(start) ?? throw new InvalidOperationException($"could not start worker {rank}: {fileName}"));
            }
            return Wait(processes, timeout, log);
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
        }
    }

    /// <summary>The command line that started this process, to start it again (dotnet + dll, or the app host).</summary>
    public static (string FileName, List<string> Arguments) CurrentCommand()
    {
        var args = Environment.GetCommandLineArgs();
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program this process runs");
        var rest = args.Skip(1).ToList();
        // Under `dotnet app.dll`, args[0] is the dll: the host must get it back.
        if (args[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) rest.Insert(0, args[0]);
        return (host, rest);
    }

    private static int Wait(List<Process> processes, TimeSpan timeout, TextWriter? log)
    {
        int failure = 0;
        DateTime? deadline = null;
        var running = new List<Process>(processes);
        while (running.Count > 0)
        {
            foreach (var p in running.Where(p => p.HasExited).ToList())
            {
                running.Remove(p);
                int rank = processes.IndexOf(p);
                if (p.ExitCode != 0 && failure == 0)
                {
                    failure = p.ExitCode;
                    deadline = DateTime.UtcNow + timeout + TimeSpan.FromSeconds(10);
                    log?.WriteLine($"worker rank {rank} exited with code {p.ExitCode}; waiting for the others to stop");
                }
            }
            if (deadline is { } d && DateTime.UtcNow > d)
            {
                foreach (var p in running)
                {
                    log?.WriteLine($"worker rank {processes.IndexOf(p)} did not stop within the timeout: killed");
                    p.Kill(entireProcessTree: true);
                }
                break;
            }
            if (running.Count > 0) running[0].WaitForExit(200);
        }
        return failure;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
