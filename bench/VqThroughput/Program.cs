using System.Diagnostics;
using System.Globalization;
using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using VqDna.Torch.Diagnostics;
using VqDna.Tokenizers.Learned;

// bench/vq-throughput: tokenizes the embedded genomes (2.3 Mbp, 11 files) with a learned tokenizer
// (default: the `small` HRQ preset; weights do not change the work, so a seeded untrained model serves
// unless --tokenizer names a trained folder), on every core, in stitched windows, on both engines one after
// the other (libtorch, then ONNX Runtime over the model exported in memory). Reports bp/s and the encoder's
// achieved GFLOP/s against a measured sgemm peak for each, and their ratio. VQDNA_ORT_PROFILE=PREFIX writes
// ONNX Runtime's per-op profile (PREFIX_*.json) when the run ends.
// Usage: bench/run.sh vq-throughput [--preset tiny|small|paper] [--quantizer vq|hrq] [--tokenizer DIR] [--window N] [--batch N] [--engines torch,onnx]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string preset = "small", quantizer = "hrq";
string? folder = null;
int window = 4096, batch = 32;
var engines = new List<InferenceEngine> { InferenceEngine.Torch, InferenceEngine.Onnx };
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--preset": preset = Next(); break;
        case "--quantizer": quantizer = Next(); break;
        case "--tokenizer": folder = Next(); break;
        case "--window": window = int.Parse(Next()); break;
        case "--batch": batch = int.Parse(Next()); break;
        case "--engines": engines = Next().Split(',').Select(e => Enum.Parse<InferenceEngine>(e, ignoreCase: true)).ToList(); break;
        default: throw new ArgumentException($"unknown option '{args[i]}'");
    }
}

torch.manual_seed(0);
using var tokenizer = folder is not null
    ? LearnedTokenizer.Load(folder, window, batch)
    : new LearnedTokenizer(new VqTokenizerModel(VqTokenizerConfig.Preset(preset, quantizer) with { KMeansInit = false }), window, batch);
var c = tokenizer.Config;
var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
var sequences = Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal)
    .SelectMany(f => SequenceFile.Read(f)).Select(r => r.Sequence).ToList();
long bases = sequences.Sum(s => (long)s.Length);

// Multiply-add flops per nucleotide of the encoder and quantizers (2 per multiply-add), counting the
// overlap the stitched windows recompute.
double w = c.Width, perPosition = 2 * 5 * w * c.StemKernel + c.Blocks * 2 * w * (c.MixerKernel + 2 * c.Expansion * w);
for (int level = 1; level <= c.Levels; level++)
    perPosition += 2 * w * c.CodeDim + 2.0 * c.LevelCodebookSize(level) * (c.LookupDim > 0 ? c.LookupDim : c.CodeDim);
double overlap = (double)window / (window - 2 * c.ReceptiveRadius);
double peak = MatmulThroughput.MeasureSgemmGflops();
Console.WriteLine($"tokenizer: {c.Kind}, width {c.Width}, {c.Blocks} blocks, codebooks {string.Join("+", Enumerable.Range(1, c.Levels).Select(c.LevelCodebookSize))} × {c.CodeDim}; " +
    $"window {window}, batch {batch}, threads {torch.get_num_threads()}; {sequences.Count} records, {bases:N0} nt; load average {LoadAverage()}");
Console.WriteLine($"encoder: {perPosition / 1e6:F2} MFLOP per nt; sgemm peak {peak:F1} GFLOP/s");

// Both engines over the same windows, one after the other; the codes of the finest level are kept to count agreement.
var results = new Dictionary<InferenceEngine, (double Bps, double Gflops, int[][] Codes)>();
foreach (var engine in engines)
{
    tokenizer.UseEngine(engine);
    tokenizer.Encode(sequences[0][..Math.Min(sequences[0].Length, 2 * window)]);   // warm-up: JIT, allocator, thread pool, ORT's arena
    var watch = Stopwatch.StartNew();
    var codes = sequences.Select(s => tokenizer.Encode(s)[^1]).ToArray();
    double seconds = watch.Elapsed.TotalSeconds;
    double gflops = perPosition * bases * overlap / seconds / 1e9;
    results[engine] = (bases / seconds, gflops, codes);
    Console.WriteLine($"{Choice(engine),-5}  {bases / seconds / 1000,8:F1} kbp/s  {gflops,7:F1} GFLOP/s  {100 * gflops / peak,5:F1}% of sgemm peak  ({seconds:F2} s)");
}
if (results.Count < 2)
{
    var (kind, only) = results.Single();
    Console.WriteLine($"{Choice(kind)}_bps={only.Bps:F0} {Choice(kind)}_peak_fraction={only.Gflops / peak:F3} sgemm_gflops={peak:F1}");
    return;
}
var (t, o) = (results[InferenceEngine.Torch], results[InferenceEngine.Onnx]);
long same = 0;
for (int r = 0; r < sequences.Count; r++) same += t.Codes[r].Zip(o.Codes[r]).Count(p => p.First == p.Second);
Console.WriteLine($"onnx/torch {o.Bps / t.Bps:F2}×; finest-level codes equal at {100.0 * same / bases:F4}% of positions");
Console.WriteLine($"torch_bps={t.Bps:F0} onnx_bps={o.Bps:F0} ratio_onnx_torch={o.Bps / t.Bps:F3} torch_peak_fraction={t.Gflops / peak:F3} onnx_peak_fraction={o.Gflops / peak:F3} " +
    $"sgemm_gflops={peak:F1} codes_equal={(double)same / bases:F6}");

static string Choice(InferenceEngine engine) => engine.ToString().ToLowerInvariant();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
