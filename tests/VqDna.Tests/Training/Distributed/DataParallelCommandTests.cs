using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Distributed;

/// <summary>
/// `vqdna tokenizer train` as separate worker processes on 127.0.0.1: with --nproc 2, and as two processes
/// started with torchrun's variables, one of which is killed.
/// </summary>
public sealed class DataParallelCommandTests
{
    /// <summary>The CLI built beside these tests (same configuration).</summary>
    private static string CliDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;   // bin/<configuration>/net10.0
            var path = Path.Combine(RepoData.Root, "src", "VqDna.Cli", "bin", configuration, "net10.0", "VqDna.Cli.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
            return path;
        }
    }

    private static ProcessStartInfo Command(string output, int steps, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { CliDll, "tokenizer", "train", RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz"), "--preset", "tiny", "--steps", steps.ToString(), "--batch", "4", "--window", "64",
                     "--checkpoint-every", "4", "-o", output }.Concat(extra))
            start.ArgumentList.Add(a);
        start.Environment["VQDNA_THREADS"] = "1";
        start.Environment["VQDNA_HOME"] = RepoData.Root;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    private static (int code, string output) RunToEnd(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the command did not end within {limit}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void TwoWorkersTrainTheTokenizerWithIdenticalCodebooks()
    {
        using var temp = RepoData.NewTempFolder();
        var (code, output) = RunToEnd(Command(temp.Path, 8, null, "--nproc", "2"), TimeSpan.FromMinutes(3));
        // The loop compares every rank's state dict (codebooks included) at steps 4 and 8 and fails on a difference.
        Assert.True(code == 0, output);
        Assert.Equal(8, MetricsLog.Read(temp.File(RunFolder.MetricsFile)).Count());
        Assert.True(File.Exists(temp.File("model.safetensors")), output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "reconstruction accuracy"));   // rank 0 alone prints
    }

    [Fact]
    public async Task KillingAWorkerMakesTheOtherExitNamingTheLostRank()
    {
        using var temp = RepoData.NewTempFolder();
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        Dictionary<string, string> Rank(int rank) => new()
        {
            ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = port.ToString(), ["RANK"] = rank.ToString(), ["WORLD_SIZE"] = "2",
            ["LOCAL_RANK"] = rank.ToString(), ["LOCAL_WORLD_SIZE"] = "2",
        };
        using var rank0 = Process.Start(Command(temp.Path, 100_000, Rank(0), "--dist-timeout", "20"))!;
        using var rank1 = Process.Start(Command(temp.Path, 100_000, Rank(1), "--dist-timeout", "20"))!;
        var output0 = rank0.StandardOutput.ReadToEndAsync();
        var error0 = rank0.StandardError.ReadToEndAsync();
        _ = rank1.StandardOutput.ReadToEndAsync();
        _ = rank1.StandardError.ReadToEndAsync();
        try
        {
            var metrics = temp.File(RunFolder.MetricsFile);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(File.Exists(metrics) && new FileInfo(metrics).Length > 0) && DateTime.UtcNow < deadline && !rank0.HasExited) Thread.Sleep(200);
            if (rank0.HasExited) Assert.Fail("rank 0 ended before training started: " + await output0 + await error0);
            rank1.Kill();
            var watch = Stopwatch.StartNew();
            Assert.True(rank0.WaitForExit(TimeSpan.FromSeconds(40)), "rank 0 hangs after its peer was killed");
            string text = System.Text.RegularExpressions.Regex.Replace(await output0 + await error0, @"\s+", " ");   // the console wraps lines
            Assert.NotEqual(0, rank0.ExitCode);
            Assert.Contains("lost rank 1", text);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"rank 0 took {watch.Elapsed} to notice");
        }
        finally
        {
            if (!rank0.HasExited) rank0.Kill(entireProcessTree: true);
            if (!rank1.HasExited) rank1.Kill(entireProcessTree: true);
        }
    }
}
