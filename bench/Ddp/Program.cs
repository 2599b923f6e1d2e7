using System.Diagnostics;
using System.Globalization;
using VqDna.Bench.TrainStep;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

// bench/ddp. Without arguments: the driver. It starts (1) two all-reduce workers that time a summed
// all-reduce of 1, 25 and 100 MB over loopback, (2) two training workers with one thread each and half the
// batch, (3) one training process with two threads and the whole batch; then prints the figures and, last,
// `allreduce_mbps=… ddp_tps=… single_tps=… ratio=…` (100 MB bandwidth, tokens/s, ddp / single).
// The workers are this program again, with the role as first argument and torchrun's variables set.
var inv = CultureInfo.InvariantCulture;
string role = args.Length > 0 ? args[0] : "driver";
switch (role)
{
    case "allreduce": return AllReduceWorker(args[1]);
    case "train": return TrainWorker(int.Parse(args[1], inv), args[2]);
    case "driver": return Driver();
    default: Console.Error.WriteLine($"bench/ddp: unknown role '{role}'"); return 2;
}

int Driver()
{
    const int globalBatch = 16;
    var (host, self) = LocalLauncher.CurrentCommand();
    var dir = Directory.CreateTempSubdirectory("vqdna-ddp-bench").FullName;
    try
    {
        Console.WriteLine($"cores {Environment.ProcessorCount}; Gloo over 127.0.0.1; model: 4 pre-LN layers, d 256, seq 256, global batch {globalBatch}, fused AdamW");
        var bandwidth = Path.Combine(dir, "allreduce.txt");
        Check(LocalLauncher.Run(2, host, [.. self, "allreduce", bandwidth], ProcessGroup.DefaultTimeout, Console.Error), "all-reduce workers");
        var mbps = File.ReadAllLines(bandwidth).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => double.Parse(p[1], inv));
        foreach (var (size, value) in mbps) Console.WriteLine($"all-reduce {size,4} MB: {value,8:F0} MB/s (algorithm bandwidth, 2 ranks)");

        var ddpFile = Path.Combine(dir, "ddp.txt");
        Check(LocalLauncher.Run(2, host, [.. self, "train", (globalBatch / 2).ToString(inv), ddpFile], ProcessGroup.DefaultTimeout, Console.Error), "training workers");
        double ddp = double.Parse(File.ReadAllText(ddpFile), inv);
        Console.WriteLine($"2 workers x 1 thread, batch {globalBatch / 2} each: {ddp:F0} tokens/s");

        var singleFile = Path.Combine(dir, "single.txt");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        foreach (var a in self.Concat(["train", globalBatch.ToString(inv), singleFile])) start.ArgumentList.Add(a);
        start.Environment["VQDNA_THREADS"] = "2";
        using (var single = Process.Start(start)!) { single.WaitForExit(); Check(single.ExitCode, "single-process training"); }
        double one = double.Parse(File.ReadAllText(singleFile), inv);
        Console.WriteLine($"1 worker x 2 threads, batch {globalBatch}: {one:F0} tokens/s");
        Console.WriteLine(string.Create(inv, $"allreduce_mbps={mbps["100"]:F0} ddp_tps={ddp:F0} single_tps={one:F0} ratio={ddp / one:F3}"));
        return 0;
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

static void Check(int code, string what)
{
    if (code != 0) throw new InvalidOperationException($"{what} failed with exit code {code}");
}

int AllReduceWorker(string output)
{
    using var group = ProcessGroup.FromEnvironment() ?? throw new InvalidOperationException("run by the driver (WORLD_SIZE unset)");
    var lines = new List<string>();
    foreach (int megabytes in new[] { 1, 25, 100 })
    {
        using var t = torch.ones([megabytes * 1024L * 1024 / 4]);
        group.all_reduce(t);                                              // warm-up: connections, buffers
        int iterations = Math.Max(3, 200 / megabytes);
        group.barrier();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) group.all_reduce(t);
        double seconds = watch.Elapsed.TotalSeconds;
        lines.Add(string.Create(inv, $"{megabytes} {megabytes * iterations / seconds:F1}"));
    }
    if (group.IsMain) File.WriteAllLines(output, lines);
    group.barrier();
    return 0;
}

int TrainWorker(int batch, string output)
{
    using var group = ProcessGroup.FromEnvironment();
    var config = new EncoderConfig(Dropout: 0);
    torch.manual_seed(0);
    using var model = new BenchEncoder(config);
    using var optimizer = new AdamW(model.Parameters(), lr: 1e-4);
    var ddp = group is null ? null : new DistributedDataParallel(model, group);
    torch.manual_seed((ulong)(1 + (group?.Rank ?? 0)));
    using var tokens = torch.randint(0, config.Vocab, [batch, config.Length]);
    using var targets = torch.randint(0, config.Vocab, [batch, config.Length]);
    using var padding = torch.zeros([batch, config.Length], ScalarType.Bool);
    const int warmup = 2, measured = 8;
    var watch = new Stopwatch();
    for (int step = 0; step < warmup + measured; step++)
    {
        if (step == warmup) { group?.barrier(); watch.Start(); }
        using var scope = torch.NewDisposeScope();
        var logits = model.Forward(tokens, padding);
        var loss = F.cross_entropy(logits.view(-1, config.Vocab), targets.view(-1));
        if (ddp is null) loss.backward(); else ddp.backward(loss);
        GradientClipping.clip_grad_norm_(optimizer.Parameters, 1.0);
        optimizer.Step();
        optimizer.ZeroGrad();
    }
    group?.barrier();
    double tokensPerSecond = (double)batch * (group?.WorldSize ?? 1) * config.Length * measured / watch.Elapsed.TotalSeconds;
    if (group is null || group.IsMain) File.WriteAllText(output, tokensPerSecond.ToString("F1", inv));
    return 0;
}
