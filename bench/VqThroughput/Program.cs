using System.Diagnostics;
using System.Globalization;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Torch;
using VqDna.Torch.Diagnostics;
using VqDna.Tokenizers.Learned;

// bench/vq-throughput: tokenizes the embedded genomes (2.3 Mbp, 11 files) with a learned tokenizer
// (default: the `small` HRQ preset; weights do not change the work, so a seeded untrained model serves
// unless --tokenizer names a trained folder), on every core, in stitched windows. Reports bp/s and the
// encoder's achieved GFLOP/s against a measured sgemm peak.
// Usage: bench/run.sh vq-throughput [--preset tiny|small|paper] [--quantizer vq|hrq] [--tokenizer DIR] [--window N] [--batch N]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string preset = "small", quantizer = "hrq";
string? folder = null;
int window = 4096, batch = 32;
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

tokenizer.Encode(sequences[0][..Math.Min(sequences[0].Length, 2 * window)]);   // warm-up: JIT, allocator, thread pool
var watch = Stopwatch.StartNew();
long checksum = 0;
foreach (var s in sequences) checksum += tokenizer.Encode(s)[^1].Sum(x => (long)x);
double seconds = watch.Elapsed.TotalSeconds;

// Multiply-add flops per nucleotide of the encoder and quantizers (2 per multiply-add), counting the
// overlap the stitched windows recompute.
double w = c.Width, perPosition = 2 * 5 * w * c.StemKernel + c.Blocks * 2 * w * (c.MixerKernel + 2 * c.Expansion * w);
for (int level = 1; level <= c.Levels; level++)
    perPosition += 2 * w * c.CodeDim + 2.0 * c.LevelCodebookSize(level) * (c.LookupDim > 0 ? c.LookupDim : c.CodeDim);
double overlap = (double)window / (window - 2 * c.ReceptiveRadius);
double gflops = perPosition * bases * overlap / seconds / 1e9;
double peak = MatmulThroughput.MeasureSgemmGflops();
Console.WriteLine($"tokenizer: {c.Kind}, width {c.Width}, {c.Blocks} blocks, codebooks {string.Join("+", Enumerable.Range(1, c.Levels).Select(c.LevelCodebookSize))} × {c.CodeDim}; " +
    $"window {window}, batch {batch}, threads {torch.get_num_threads()}");
Console.WriteLine($"input: {sequences.Count} records, {bases:N0} nt in {seconds:F2} s (checksum {checksum})");
Console.WriteLine($"encoder: {perPosition / 1e6:F2} MFLOP per nt, {gflops:F1} GFLOP/s achieved; sgemm peak {peak:F1} GFLOP/s");
Console.WriteLine($"tokenize_bps={bases / seconds:F0} encoder_gflops={gflops:F1} sgemm_gflops={peak:F1} peak_fraction={gflops / peak:F3}");
