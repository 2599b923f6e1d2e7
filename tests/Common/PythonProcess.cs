using System.Diagnostics;

namespace VqDna.Testing;

/// <summary>
/// Runs Debian's /usr/bin/python3 (with python3-torch) for the interoperability tests of both test projects. A missing
/// interpreter, torch or onnx fails the test with the package to install: interoperability with PyTorch is a promise, so
/// these tests never pass by skipping.
/// </summary>
internal static class PythonProcess
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs python3 with <paramref name="arguments"/> (a script path or -c CODE, then its own) on one OpenMP
    /// thread, within 120 s; returns standard output. <paramref name="what"/> names the run in failures.</summary>
    public static string Run(string what, IEnumerable<string> arguments)
    {
        if (!File.Exists(Interpreter))
            Assert.Fail($"{Interpreter} is missing: the PyTorch interoperability tests need it (apt-get install python3-torch)");
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within 120 s");
        }
        if (process.ExitCode != 0)
        {
            string error = stderr.Result;
            if (error.Contains("No module named 'torch'"))
                Assert.Fail($"{Interpreter} cannot import torch: the PyTorch interoperability tests need python3-torch (apt-get install python3-torch)");
            if (error.Contains("No module named 'onnx'"))
                Assert.Fail($"{Interpreter} cannot import onnx: the ONNX export tests need python3-onnx (apt-get install python3-onnx)");
            Assert.Fail($"{what} exited with {process.ExitCode}:\n{error}");
        }
        return stdout;
    }
}
