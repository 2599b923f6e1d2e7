using System.Diagnostics;
using System.Globalization;

namespace VqDna.Bench.TrainStep;

/// <summary>The PyTorch side, a long-lived python3 process driven one step at a time over stdin/stdout.</summary>
public sealed class PythonPeer : IDisposable
{
    private readonly Process process;

    private PythonPeer(Process process, double parity)
    {
        this.process = process;
        Parity = parity;
    }

    /// <summary>The peer's eval-mode loss on the shared weights and batch.</summary>
    public double Parity { get; }

    /// <summary>
    /// Starts Debian's python3 on <paramref name="script"/> with the shared weights in <paramref name="stateFile"/>, and reads its parity
    /// loss.
    /// </summary>
    public static PythonPeer Start(string script, string stateFile, int threads, string optimizer)
    {
        const string python = "/usr/bin/python3"; // Debian's, which has python3-torch (1.13, the same libtorch)
        if (!File.Exists(python)) throw new InvalidOperationException($"{python} not found: install python3-torch (scripts/ensure-deps.sh bench)");
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Same thread settings on both sides: the peer gets the OpenMP wait policy our runtime runs with.
        info.Environment["OMP_WAIT_POLICY"] = VqDna.Torch.torch.omp_wait_policy;
        foreach (var a in new[] { script, stateFile, threads.ToString(CultureInfo.InvariantCulture), optimizer == "foreach" ? "foreach" : "single" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the PyTorch peer exited before reporting (is python3-torch installed?)");
        var parts = first.Split(' ');
        if (parts[0] != "parity") throw new InvalidOperationException($"unexpected peer output: {first}");
        return new PythonPeer(process, double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs one training step in PyTorch and returns its own measured time in ms.</summary>
    public double Step()
    {
        process.StandardInput.WriteLine("step");
        process.StandardInput.Flush();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the PyTorch peer exited mid-run");
        var parts = line.Split(' ');
        if (parts[0] != "ms") throw new InvalidOperationException($"unexpected peer output: {line}");
        return double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Asks the peer to quit, killing it after 10 s.</summary>
    public void Dispose()
    {
        try
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        catch (IOException)
        {
            // The peer already exited; nothing to stop.
        }
        process.Dispose();
    }
}
