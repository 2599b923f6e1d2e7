using System.Diagnostics;
using System.Globalization;
using VqDna.Bench;
using VqDna.Data;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;
using VqDna.Torch.Diagnostics;
using VqDna.Torch.Optim;
using VqDna.Torch.Serialization;
using VqDna.Training;

// bench/pretrain-step: our masked-modeling training step (DnaForMaskedModeling forward + backward + gradient
// clipping + AdamW, as TrainingLoop runs it) against the same model in PyTorch 1.13 (scripts/encoder_reference.py,
// loading our model.safetensors), alternating step by step in one run, same thread count on both sides.
// A fixed batch of 16 real 512-nt windows of the embedded genomes (char ids: one token per base), 25% masked.
// Parity first: both sides' eval-mode loss on the same weights and batch must agree within 1e-4.
// Then where the time goes: forward + backward of every layer's attention and MLP sub-blocks, timed alone.
// Usage: bench/run.sh pretrain-step [--presets tiny,small] [--steps N] [--warmup N] [--threads N] [--attention-dropout P]
//        [--device cpu|cuda|auto] [--precision fp32|bf16|auto|fp32,bf16] [--batch N] [--window N]
// --precision fp32,bf16 times both precisions in one run, step by step in turn (one peer each), and ends with their
// ratio on each side; --window 100 --batch 32 is a fine-tuning step's shape on the tf_* tasks (the loss stays masked
// modeling's: the encoder's matmuls are what differ between shapes).
// (--attention-dropout overrides the presets' 0.1: MosaicBERT/DNABERT-2 train with 0.0; both sides read it from config.json.)
// --device cuda runs both sides on the GPU (the peer is $VQDNA_PYTHON, default Debian's /usr/bin/python3), each step
// ended by a device synchronize; --precision bf16 (auto's choice on CUDA and on a CPU with native bfloat16) runs both
// forwards under bfloat16 autocast over float32 weights (on the CPU the peer norms in float32, as the C# side, since
// libtorch 1.13's CPU autocast lists leave layer_norm out). The fraction of peak is then of the measured bf16 (or fp32)
// CUDA matmul rate; on the CPU it stays the fraction of the float32 sgemm peak.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int steps = 10, warmup = 2, threads = Environment.ProcessorCount, batchSize = 16, window = 512;
string[] presets = ["tiny", "small"];
double? attentionDropout = null;
string deviceText = "cpu", precisionText = "auto";
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--presets": presets = Next().Split(','); break;
        case "--steps": steps = int.Parse(Next()); break;
        case "--warmup": warmup = int.Parse(Next()); break;
        case "--threads": threads = int.Parse(Next()); break;
        case "--attention-dropout": attentionDropout = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--device": deviceText = Next(); break;
        case "--precision": precisionText = Next(); break;
        case "--batch": batchSize = int.Parse(Next()); break;
        case "--window": window = int.Parse(Next()); break;
        default: throw new ArgumentException($"unknown option '{args[i]}' (--presets tiny,small, --steps N, --warmup N, --threads N, --attention-dropout P, --device cpu|cuda|auto, --precision fp32|bf16|auto|fp32,bf16, --batch N, --window N)");
    }
}
torch.set_num_threads(threads);
var reference = Environment.GetEnvironmentVariable("VQDNA_ENCODER_REFERENCE") is { Length: > 0 } given ? given
    : Path.Combine(EmbeddedCorpus.Home, "scripts", "encoder_reference.py");
if (!File.Exists(reference)) throw new FileNotFoundException($"the PyTorch encoder '{reference}' was not found (set VQDNA_ENCODER_REFERENCE)", reference);
var device = Device.Resolve(deviceText, "--device");
var precisions = precisionText.Split(',').Select(t => Precisions.Resolve(t, device, "--precision")).Distinct().ToList();
if (device.is_cuda) torch.set_float32_matmul_precision("high"); // TF32 for what stays float32, as the peer
var peaks = precisions.ToDictionary(p => p, p => device.is_cuda
    ? MatmulThroughput.MeasureCudaGflops(device, p == Precision.BF16 ? ScalarType.BFloat16 : ScalarType.Float32)
    : MatmulThroughput.MeasureSgemmGflops());
double peak = peaks[precisions[0]];
Console.WriteLine($"device {device} (libtorch {torch.libtorch_version}), precision {string.Join(",", precisions.Select(p => p.Name()))}" +
    $"{(device.is_cpu ? $" (this CPU multiplies bfloat16 natively: {(CpuBfloat16.IsNative ? "yes" : "no")})" : "")}; " +
    $"{(device.is_cuda ? "measured matmul" : "sgemm")} peak {peak:F1} GFLOP/s; {torch.get_num_threads()} intra-op threads both sides, OMP_WAIT_POLICY={torch.omp_wait_policy}");

var corpus = GenomeCorpus.Load(EmbeddedCorpus.Files());
using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
var summaries = new List<string>();
bool parityOk = true;
foreach (var preset in presets)
{
    using var scope = torch.NewDisposeScope();
    torch.manual_seed(0);
    var config = EncoderConfig.Preset(preset, inputs.Spec);
    if (attentionDropout is { } p) config = (config with { AttentionDropout = p }).Validate();
    using var model = new DnaForMaskedModeling(config);
    var random = new Random(1);
    var batch = inputs.Batch(inputs.Tokenize(new WindowSampler(corpus, window, heldOut: false).SampleText(random, batchSize)), new MaskingConfig(), random);
    var ids = batch.Input.InputIds!.to(device);
    var keep = batch.Input.AttentionMask.to(device);
    if (batch.Input.MaskedPositions is not null) throw new InvalidOperationException("expected [MASK] written into the ids");
    long tokens = ids.size(1);

    var folder = Path.Combine(Path.GetTempPath(), $"vqdna-pretrain-step-{Environment.ProcessId}-{preset}");
    Directory.CreateDirectory(folder);
    try
    {
        EncoderFolder.Save(model, folder);
        var batchFile = Path.Combine(folder, "batch.safetensors");
        var tensors = new List<KeyValuePair<string, Tensor>> { new("input_ids", ids), new("attention_mask", keep) };
        tensors.AddRange(batch.Labels!.Select((l, i) => new KeyValuePair<string, Tensor>($"labels.{i}", l)));
        Safetensors.Save(tensors, batchFile);
        var peers = new List<PythonPeer>();
        try
        {
            foreach (var precision in precisions)
                peers.Add(PythonPeer.Start(Path.Combine(AppContext.BaseDirectory, "peer.py"), reference, folder, batchFile,
                    threads.ToString(CultureInfo.InvariantCulture), device.ToString(), precision.Name()));
            // Saved from the CPU (the PyTorch side loads the same file), then moved: batches are built on the CPU and moved once.
            model.to(device);
            var input = batch.Input with { InputIds = ids, AttentionMask = keep };
            var labels = batch.Labels!.Select(l => l.to(device)).ToList();

            model.Eval();
            for (int k = 0; k < precisions.Count; k++)
            {
                var precision = precisions[k];
                double ours;
                using (torch.NewDisposeScope())
                using (torch.no_grad())
                using (precision.Autocast(device)) ours = model.Forward(input, labels).Loss!.item<double>();
                double gap = Math.Abs(ours - peers[k].Parity);
                // bf16 rounds each matmul input to 8 significant bits and the two sides' kernels may differ: a looser limit.
                double limit = precision == Precision.BF16 ? 2e-2 : device.is_cuda ? 1e-3 : 1e-4;
                parityOk &= gap <= limit;
                Console.WriteLine($"[{preset} {precision.Name()}] parity: csharp_loss={ours:F7} pytorch_loss={peers[k].Parity:F7} |diff|={gap:E2} (limit {limit:G}) {(gap <= limit ? "OK" : "FAIL")}");
            }

            model.Train();
            var trainable = model.Parameters().Where(p => p.requires_grad).ToList();
            using var optimizer = new AdamW(trainable, lr: 1e-4, weight_decay: 0.01);
            double CSharpStep(Precision precision)
            {
                var watch = Stopwatch.StartNew();
                using (torch.NewDisposeScope())
                {
                    Tensor loss;
                    using (precision.Autocast(device)) loss = model.Forward(input, labels).Loss!;
                    loss.backward();
                    GradientClipping.clip_grad_norm_(trainable, 1.0);
                    optimizer.Step();
                    optimizer.ZeroGrad();
                }
                if (device.is_cuda) torch.cuda.synchronize(device);
                return watch.Elapsed.TotalMilliseconds;
            }
            for (int i = 0; i < warmup; i++)
                for (int k = 0; k < precisions.Count; k++) { CSharpStep(precisions[k]); peers[k].Step(); }
            var ourTimes = precisions.Select(_ => new List<double>()).ToList();
            var peerTimes = precisions.Select(_ => new List<double>()).ToList();
            for (int i = 0; i < steps; i++)
            {
                // Alternate which side (and which precision) goes first so none always runs on a freshly idle machine.
                for (int j = 0; j < precisions.Count; j++)
                {
                    int k = (i + j) % precisions.Count;
                    if (i % 2 == 0) { ourTimes[k].Add(CSharpStep(precisions[k])); peerTimes[k].Add(peers[k].Step()); }
                    else { peerTimes[k].Add(peers[k].Step()); ourTimes[k].Add(CSharpStep(precisions[k])); }
                }
                Console.WriteLine($"[{preset}] step {i + 1,3}/{steps}: " + string.Join("   ", precisions.Select((p, k) =>
                    $"{p.Name()} csharp {ourTimes[k][^1],8:F1} ms pytorch {peerTimes[k][^1],8:F1} ms")));
            }

            double flops = 3 * ForwardFlops(config, batchSize, tokens);                  // backward ≈ 2 × forward
            Console.WriteLine($"[{preset}] config: batch {batchSize} × {tokens} tokens, d {config.Width}, heads {config.Heads}, layers {config.Layers}, ffn {config.FeedForwardSize}, attention dropout {config.AttentionDropout}, " +
                $"vocab {config.VocabSize}, {model.ParameterCount() / 1e6:F2}M parameters");
            var medians = new List<(double Ours, double Peer)>();
            for (int k = 0; k < precisions.Count; k++)
            {
                var precision = precisions[k];
                var (ourAttention, ourMlp) = Profile(model, ids, keep, device, precision);
                var (peerAttention, peerMlp) = peers[k].Profile();
                double ourMs = Median(ourTimes[k]), peerMs = Median(peerTimes[k]);
                medians.Add((ourMs, peerMs));
                double achieved = flops / ourMs / 1e6;
                string tag = $"[{preset} {precision.Name()}]";
                Console.WriteLine($"{tag} throughput: csharp {achieved:F1} GFLOP/s, pytorch {flops / peerMs / 1e6:F1} GFLOP/s ({100 * achieved / peaks[precision]:F0}% / {100 * flops / peerMs / 1e6 / peaks[precision]:F0}% of {(device.is_cuda ? "measured matmul" : "sgemm")} peak); " +
                    $"tokens/s csharp {batchSize * tokens / (ourMs / 1000):F0}, pytorch {batchSize * tokens / (peerMs / 1000):F0}");
                Console.WriteLine($"{tag} where the time goes (forward + backward, all layers): attention csharp {ourAttention:F1} ms / pytorch {peerAttention:F1} ms, " +
                    $"mlp csharp {ourMlp:F1} ms / pytorch {peerMlp:F1} ms; attention's share of matmul FLOPs {AttentionShare(config, tokens):P0}");
                summaries.Add($"preset={preset} device={device} precision={precision.Name()} batch={batchSize} window={window} attention_dropout={config.AttentionDropout} csharp_ms={ourMs:F1} pytorch_ms={peerMs:F1} ratio={ourMs / peerMs:F3} " +
                    $"tokens_per_s={batchSize * tokens / (ourMs / 1000):F0} peak_fraction={achieved / peaks[precision]:F3}");
            }
            int fp32 = precisions.IndexOf(Precision.FP32), bf16 = precisions.IndexOf(Precision.BF16);
            if (fp32 >= 0 && bf16 >= 0)
                summaries.Add($"preset={preset} device={device} batch={batchSize} window={window} csharp_fp32_ms={medians[fp32].Ours:F1} csharp_bf16_ms={medians[bf16].Ours:F1} " +
                    $"pytorch_fp32_ms={medians[fp32].Peer:F1} pytorch_bf16_ms={medians[bf16].Peer:F1} csharp_speedup_bf16={medians[fp32].Ours / medians[bf16].Ours:F3} " +
                    $"pytorch_speedup_bf16={medians[fp32].Peer / medians[bf16].Peer:F3} csharp_bf16_over_pytorch_fp32={medians[bf16].Ours / medians[fp32].Peer:F3}");
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
        }
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
foreach (var line in summaries) Console.WriteLine(line);
return parityOk ? 0 : 1;

// Forward + backward of every layer's attention and MLP sub-blocks on the embedded input, timed alone (ms).
static (double Attention, double Mlp) Profile(DnaForMaskedModeling model, Tensor ids, Tensor keep, Device device, Precision precision)
{
    using var scope = torch.NewDisposeScope();
    var encoder = model.encoder;
    long batch = ids.size(0), length = ids.size(1);
    var padding = torch.zeros([batch, 1, 1, length], device: device).masked_fill(keep.logical_not().view(batch, 1, 1, length), DnaEncoder.PaddingBias);
    var bias = Alibi.Bias(encoder.Config.Heads, length, length, device) + padding;      // (B, H, T, T)
    Tensor x;
    using (torch.no_grad()) x = encoder.token_embedding!.Forward(ids);
    double attention = 0, mlp = 0;
    foreach (var layer in encoder.layers)
    {
        foreach (bool isAttention in new[] { true, false })
        {
            using var inner = torch.NewDisposeScope();
            var h = x.clone().requires_grad_();
            var watch = Stopwatch.StartNew();
            Tensor output;
            using (precision.Autocast(device))
                output = isAttention ? layer.attention.Forward(layer.attention_norm.Forward(h), bias) : layer.mlp.Forward(layer.mlp_norm.Forward(h));
            output.sum().backward();
            if (device.is_cuda) torch.cuda.synchronize(device);
            if (isAttention) attention += watch.Elapsed.TotalMilliseconds; else mlp += watch.Elapsed.TotalMilliseconds;
        }
    }
    model.ZeroGrad();
    return (attention, mlp);
}

// Matmul FLOPs of one forward pass (2 per multiply-add): q, k, v, output projections, q·kᵀ and weights·v, the MLP, the heads.
static double ForwardFlops(EncoderConfig c, int batch, long length)
{
    double tokens = (double)batch * length, d = c.Width;
    double perLayer = 2 * tokens * d * 4 * d + 2 * 2 * tokens * d * c.FeedForwardSize + 2 * 2 * tokens * length * d;
    return c.Layers * perLayer + c.OutputVocab!.Sum(v => 2 * tokens * d * (d + v));
}

static double AttentionShare(EncoderConfig c, long length)
{
    double d = c.Width, attention = 4 * d * d + 2 * length * d, mlp = 2 * d * c.FeedForwardSize;
    return attention / (attention + mlp);
}

static double Median(List<double> xs)
{
    var s = xs.OrderBy(x => x).ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}
