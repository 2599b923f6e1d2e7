using System.Diagnostics;
using System.Globalization;
using VqDna.Torch;
using VqDna.Torch.NN;
using VqDna.Torch.Optim;

// bench/leak: trains a small encoder for 10,000 steps (embedding, 2 pre-LN layers with dropout and a
// key-padding mask, head, cross-entropy, clipping, AdamW) and compares resident memory after step 100
// with that after the last step. Target: within 5%. Also reports live tensor handles, which must not grow.
// --precision bf16 runs the forward under bfloat16 autocast (the default on CPUs with native bfloat16), whose
// activations take other native paths (bf16 dropout masks, autocast casts).
// Usage: bench/run.sh leak [--steps N] [--precision fp32|bf16]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int steps = 10_000;
bool bf16 = false;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--steps": steps = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--precision":
            bf16 = Next() switch { "bf16" => true, "fp32" => false, var v => throw new ArgumentException($"--precision is fp32 or bf16, not '{v}'") };
            break;
        default: throw new ArgumentException($"unknown option '{args[i]}' (--steps N, --precision fp32|bf16)");
    }
}
if (steps < 200) throw new ArgumentException("--steps must be at least 200");
torch.manual_seed(0);

const int vocab = 64, length = 32, dim = 32, batch = 8;
using var embed = new Embedding(vocab, dim);
using var layers = new ModuleList<TransformerEncoderLayer>(Enumerable.Range(0, 2).Select(_ => new TransformerEncoderLayer(dim, 4, 64, dropout: 0.1)));
using var head = new Linear(dim, vocab);
var parameters = embed.Parameters().Concat(layers.Parameters()).Concat(head.Parameters()).ToList();
using var optimizer = new AdamW(parameters, lr: 1e-3);

long rssAt100 = 0, handlesAt100 = 0;
var watch = Stopwatch.StartNew();
double loss = 0;
for (int step = 1; step <= steps; step++)
{
    using (torch.NewDisposeScope())
    {
        var tokens = torch.randint(0, vocab, [batch, length]);
        var lengths = torch.randint(length / 2, length + 1, [batch, 1]);
        var mask = torch.arange(length).view(1, length) >= lengths;
        Tensor l;
        using (torch.autocast(Device.CPU, ScalarType.BFloat16, enabled: bf16))
        {
            var x = embed.Forward(tokens);
            foreach (var layer in layers) x = layer.Forward(x, mask);
            var logits = head.Forward(x).@float();
            var target = tokens.masked_fill(mask, -100);
            l = F.cross_entropy(logits.view(-1, vocab), target.view(-1));
        }
        l.backward();
        GradientClipping.clip_grad_norm_(parameters, 1.0);
        optimizer.Step();
        optimizer.ZeroGrad();
        if (step % 1000 == 0) loss = l.item<double>();
    }
    if (step == 100)
    {
        rssAt100 = ResidentBytes();
        handlesAt100 = Tensor.NativeLiveCount;
    }
    if (step % 1000 == 0 || step == 100 || step == 300)
        Console.WriteLine($"step {step,6}: loss {loss:F3}  rss {ResidentBytes() / 1048576.0:F1} MiB  live tensors {Tensor.NativeLiveCount}  gc heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB  {step / watch.Elapsed.TotalSeconds:F0} steps/s");
}

long rssEnd = ResidentBytes();
double growth = (double)(rssEnd - rssAt100) / rssAt100;
Console.WriteLine($"live tensors: after 100 steps {handlesAt100}, after {steps} {Tensor.NativeLiveCount}");
Console.WriteLine($"precision={(bf16 ? "bf16" : "fp32")} rss_100_mib={rssAt100 / 1048576.0:F1} rss_end_mib={rssEnd / 1048576.0:F1} growth={growth * 100:F2}% (limit 5%) {(Math.Abs(growth) <= 0.05 && Tensor.NativeLiveCount == handlesAt100 ? "OK" : "FAIL")}");
return Math.Abs(growth) <= 0.05 && Tensor.NativeLiveCount == handlesAt100 ? 0 : 1;

static long ResidentBytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
