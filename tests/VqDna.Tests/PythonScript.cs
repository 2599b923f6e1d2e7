using System.Diagnostics;

namespace VqDna.Tests;

/// <summary>
/// Runs a checked-in script under Debian's /usr/bin/python3 with python3-torch. A missing interpreter or
/// torch fails the test with the package to install (as VqDna.Torch.Tests' Python helper): interoperability
/// with PyTorch is a promise, so these tests never pass by skipping.
/// </summary>
internal static class PythonScript
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs scripts/<paramref name="script"/> with the arguments; returns standard output.</summary>
    public static string Run(string script, params string[] args)
    {
        if (!File.Exists(Interpreter))
            Assert.Fail($"{Interpreter} is missing: the PyTorch interoperability tests need it (apt-get install python3-torch)");
        var path = Path.Combine(RepoData.Root, "scripts", script);
        Assert.True(File.Exists(path), $"{path} is missing");
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within 120 s");
        }
        if (process.ExitCode != 0)
        {
            string error = stderr.Result;
            if (error.Contains("No module named 'torch'"))
                Assert.Fail($"{Interpreter} cannot import torch: the PyTorch interoperability tests need python3-torch (apt-get install python3-torch)");
            if (error.Contains("No module named 'onnx'"))
                Assert.Fail($"{Interpreter} cannot import onnx: the ONNX export tests need python3-onnx (apt-get install python3-onnx)");
            Assert.Fail($"{script} exited with {process.ExitCode}:\n{error}");
        }
        return stdout;
    }
}
