using System.Diagnostics;
using System.Globalization;

namespace VqDna.Bench;

/// <summary>
/// The PyTorch side of a side-by-side benchmark: a long-lived python3 process running a bench's peer.py, which first
/// prints "parity LOSS" (its eval-mode loss on the weights and batch it was given) and then answers one line per
/// command ("step" → "ms T", "profile" → "profile ATTENTION_MS MLP_MS", "quit").
/// </summary>
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

    /// <summary>Starts python3 on <paramref name="script"/> with <paramref name="arguments"/> and reads its parity loss.</summary>
    public static PythonPeer Start(string script, params string[] arguments)
    {
        // Debian's python3 has python3-torch (1.13, the same libtorch); VQDNA_PYTHON names another (the GPU machine's torch 2.x).
        var python = Environment.GetEnvironmentVariable("VQDNA_PYTHON") is { Length: > 0 } given ? given : "/usr/bin/python3";
        if (!File.Exists(python)) throw new InvalidOperationException($"{python} not found: install python3-torch (scripts/ensure-deps.sh bench) or set VQDNA_PYTHON");
        var info = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Same thread settings on both sides: the peer gets the OpenMP wait policy our runtime runs with.
        info.Environment["OMP_WAIT_POLICY"] = VqDna.Torch.torch.omp_wait_policy;
        info.ArgumentList.Add(script);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the PyTorch peer exited before reporting (is python3-torch installed?)");
        var parts = first.Split(' ');
        if (parts[0] != "parity") throw new InvalidOperationException($"unexpected peer output: {first}");
        return new PythonPeer(process, double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs one training step in PyTorch and returns its own measured time in ms.</summary>
    public double Step() => double.Parse(Ask("step", "ms")[1], CultureInfo.InvariantCulture);

    /// <summary>Times the peer's attention and MLP blocks (forward + backward) separately: "attention_ms mlp_ms".</summary>
    public (double Attention, double Mlp) Profile()
    {
        var parts = Ask("profile", "profile");
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private string[] Ask(string command, string answer)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the PyTorch peer exited mid-run");
        var parts = line.Split(' ');
        if (parts[0] != answer) throw new InvalidOperationException($"unexpected peer output: {line}");
        return parts;
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
