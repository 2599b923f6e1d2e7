using System.Diagnostics;

namespace VqDna.Data;

/// <summary>Runs a program the data commands need (apt-get, dpkg, npm), turning every failure into an error that names it.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> in <paramref name="workingDirectory"/>; <paramref name="purpose"/> says why it is needed.</summary>
    public static void Run(string tool, string workingDirectory, string purpose, params string[] args)
    {
        var info = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info) ?? throw new IOException($"could not start {tool}"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"`{tool}` is needed {purpose} but could not be started: {e.Message}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new IOException($"`{tool} {string.Join(' ', args)}` failed (exit {process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
        }
    }
}
