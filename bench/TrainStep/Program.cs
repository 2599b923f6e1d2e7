using System.Diagnostics;
using System.Globalization;
using VqDna.Bench;
using VqDna.Bench.TrainStep;
using VqDna.Torch;
using VqDna.Torch.Diagnostics;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;

// bench/train-step: forward + backward + AdamW step of the same encoder in C# and in PyTorch 1.13
// (Debian's python3-torch, same libtorch build, same thread count), alternating step by step in one
// run. Parity first: both load one weights file and must agree on the first loss within 1e-5.
// Usage: dotnet run -c Release --project bench/TrainStep [-- --steps N --warmup N --peer-optimizer foreach|single]

var options = BenchOptions.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
torch.set_num_threads(options.Threads);
torch.manual_seed(0);

var config = new EncoderConfig(Dropout: options.Dropout);
using var model = new BenchEncoder(config);
const int batch = 16;

// A batch with padding: lengths 192..256, targets ignored at padding (as masked LM training does).
var tokens = torch.randint(0, config.Vocab, [batch, config.Length]).DetachFromDisposeScope();
var lengths = torch.randint(192, config.Length + 1, [batch, 1]);
using var positions = torch.arange(config.Length).view(1, config.Length);
var paddingMask = (positions >= lengths).DetachFromDisposeScope();
var targets = tokens.masked_fill(paddingMask, -100).DetachFromDisposeScope();

var file = Path.Combine(Path.GetTempPath(), $"vqdna-train-step-{Environment.ProcessId}.pt");
var state = model.StateDict().Select(kv => new KeyValuePair<string, Tensor>("model." + kv.Key, kv.Value)).ToList();
var configTensors = new (string, long)[] { ("vocab", config.Vocab), ("length", config.Length), ("dim", config.Dim), ("heads", config.Heads), ("layers", config.Layers), ("feed_forward", config.FeedForward) }
    .Select(c => new KeyValuePair<string, Tensor>("config." + c.Item1, torch.tensor(new[] { c.Item2 }))).ToList();
state.AddRange(configTensors);
state.Add(new("config_dropout", torch.tensor(new[] { config.Dropout })));
state.Add(new("batch.tokens", tokens));
state.Add(new("batch.padding_mask", paddingMask));
state.Add(new("batch.targets", targets));
TorchFile.Save(state, file);

using var peer = PythonPeer.Start(Path.Combine(AppContext.BaseDirectory, "peer.py"), file, options.Threads.ToString(CultureInfo.InvariantCulture),
    options.PeerOptimizer);
try
{
    // Parity: eval mode (no dropout), identical weights and batch.
    double ours;
    model.Eval();
    using (torch.NewDisposeScope())
    using (torch.no_grad())
    {
        var logits = model.Forward(tokens, paddingMask);
        ours = F.cross_entropy(logits.view(-1, config.Vocab), targets.view(-1)).item<double>();
    }
    double theirs = peer.Parity;
    double parityGap = Math.Abs(ours - theirs);
    Console.WriteLine($"parity: csharp_loss={ours:F7} pytorch_loss={theirs:F7} |diff|={parityGap:E2} (limit 1e-5) {(parityGap <= 1e-5 ? "OK" : "FAIL")}");

    model.Train();
    using var optimizer = new AdamW(model.Parameters(), lr: 1e-4, weight_decay: 0.01, fused: options.Fused);
    double CSharpStep()
    {
        var watch = Stopwatch.StartNew();
        using (torch.NewDisposeScope())
        {
            var logits = model.Forward(tokens, paddingMask);
            var loss = F.cross_entropy(logits.view(-1, config.Vocab), targets.view(-1));
            loss.backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    for (int i = 0; i < options.Warmup; i++)
    {
        CSharpStep();
        peer.Step();
    }
    var ourTimes = new List<double>();
    var peerTimes = new List<double>();
    for (int i = 0; i < options.Steps; i++)
    {
        // Alternate which side goes first so neither always runs on a freshly idle machine.
        if (i % 2 == 0) { ourTimes.Add(CSharpStep()); peerTimes.Add(peer.Step()); }
        else { peerTimes.Add(peer.Step()); ourTimes.Add(CSharpStep()); }
        Console.WriteLine($"step {i + 1,3}/{options.Steps}: csharp {ourTimes[^1],8:F1} ms   pytorch {peerTimes[^1],8:F1} ms");
    }

    double ourMedian = Median(ourTimes), peerMedian = Median(peerTimes);
    double stepFlops = 3 * BenchEncoder.ForwardFlops(config, batch); // backward ≈ 2 × forward
    double peak = MatmulThroughput.MeasureSgemmGflops();
    Console.WriteLine($"config: batch {batch}, length {config.Length}, d {config.Dim}, heads {config.Heads}, layers {config.Layers}, ffn {config.FeedForward}, vocab {config.Vocab}, dropout {config.Dropout}");
    Console.WriteLine($"threads: both sides {torch.get_num_threads()} intra-op threads, OMP_WAIT_POLICY={torch.omp_wait_policy} (libgomp's default spin-wait is ~1.9x slower for both on 2 vCPUs)");
    Console.WriteLine($"optimizer: csharp AdamW {(options.Fused ? "fused" : "op-by-op")}, pytorch AdamW {options.PeerOptimizer}");
    Console.WriteLine($"throughput: csharp {stepFlops / ourMedian / 1e6:F1} GFLOP/s, pytorch {stepFlops / peerMedian / 1e6:F1} GFLOP/s, sgemm peak {peak:F1} GFLOP/s " +
        $"(csharp at {100 * stepFlops / ourMedian / 1e6 / peak:F0}% of peak)");
    Console.WriteLine($"tokens/s: csharp {batch * config.Length / ourMedian * 1000:F0}, pytorch {batch * config.Length / peerMedian * 1000:F0}");
    Console.WriteLine($"csharp_ms={ourMedian:F1} pytorch_ms={peerMedian:F1} ratio={ourMedian / peerMedian:F3}");
    return parityGap <= 1e-5 ? 0 : 1;
}
finally
{
    File.Delete(file);
}

static double Median(List<double> xs)
{
    var s = xs.OrderBy(x => x).ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}
