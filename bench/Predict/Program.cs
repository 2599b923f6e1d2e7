using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using VqDna.Export;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using VqDna.Torch.Onnx;

// bench/predict: what `vqdna predict` does per sequence, on both engines one after the other: a seeded,
// untrained fine-tuned classifier (weights do not change the work) at --preset over (a) the kmer6 tokenizer
// (token ids) and (b) a seeded untrained `tiny` HRQ learned tokenizer (code vectors), classifying 1 kb windows
// cut evenly from the embedded genomes. Each engine runs the whole of SequenceClassifier.Probabilities, the
// tokenizer included (a learned tokenizer's encoder runs on the same engine, as `vqdna predict --engine` does);
// ONNX Runtime runs the classifier exported in memory. Reports sequences/s, kbp/s, the ratio onnx/torch and the
// largest |Δprobability| between the engines.
// Usage: bench/run.sh predict [--preset tiny|small] [--windows N] [--length BP] [--batch N] [--tokenizers kmer6,hrq]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string preset = "tiny";
int count = 512, length = 1000, batch = 32;
var kinds = new List<string> { "kmer6", "hrq" };
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--preset": preset = Next(); break;
        case "--windows": count = int.Parse(Next()); break;
        case "--length": length = int.Parse(Next()); break;
        case "--batch": batch = int.Parse(Next()); break;
        case "--tokenizers": kinds = Next().Split(',').ToList(); break;
        default: throw new ArgumentException($"unknown option '{args[i]}'");
    }
}
if (preset is not ("tiny" or "small")) throw new ArgumentException($"--preset must be tiny or small, not '{preset}'");

// Every non-overlapping window of the embedded genomes, then `count` of them spread evenly over the list.
var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
var all = Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal)
    .SelectMany(f => SequenceFile.Read(f)).Select(r => r.Sequence)
    .SelectMany(s => Enumerable.Range(0, s.Length / length).Select(k => s.Substring(k * length, length))).ToList();
if (all.Count < count) throw new ArgumentException($"--windows {count}: the embedded genomes hold only {all.Count} windows of {length} bp");
var windows = Enumerable.Range(0, count).Select(k => all[(int)((long)k * all.Count / count)]).ToList();
double kbp = count * (double)length / 1000;
Console.WriteLine($"preset {preset}; {count} windows of {length} bp (from {all.Count}); batch {batch}; threads {torch.get_num_threads()}; load average {LoadAverage()}");

var summary = new List<string>();
foreach (var kind in kinds)
{
    torch.manual_seed(0);
    using var inputs = kind == "hrq"
        ? new CodeVectorInputs(new LearnedTokenizer(new VqTokenizerModel(VqTokenizerConfig.Preset("tiny", "hrq") with { KMeansInit = false })))
        : TokenizerSpec.Parse(kind).Build();
    using var model = new DnaForSequenceClassification(EncoderConfig.Preset(preset, inputs.Spec), new ClassifierConfig(NumLabels: 2));
    model.Eval();
    var classifier = new SequenceClassifier(model, inputs);
    // The graph `vqdna export --onnx` writes; its metadata (labels, tokenizer.json) does not change the work.
    var onnx = OnnxModelWriter.ToModel(ClassifierOnnxExport.Build(model), new OnnxModelInfo("vqdna-bench", "0", [])).ToByteArray();

    var results = new Dictionary<InferenceEngine, (double SeqPerSecond, float[][] Probabilities)>();
    foreach (var engine in new[] { InferenceEngine.Torch, InferenceEngine.Onnx })
    {
        inputs.UseEngine(engine);
        classifier.UseEngine(engine == InferenceEngine.Torch
            ? new TorchClassifierEngine(classifier)
            : new OnnxClassifierEngine(onnx, inputs, "the classifier exported in memory"));
        classifier.Probabilities(windows.Take(batch).ToList(), batch);            // warm-up: JIT, allocator, thread pool, ORT's arena
        var watch = Stopwatch.StartNew();
        var probabilities = classifier.Probabilities(windows, batch);
        double seconds = watch.Elapsed.TotalSeconds;
        results[engine] = (count / seconds, probabilities);
        Console.WriteLine($"{kind,-6} {Choice(engine),-5}  {count / seconds,8:F1} seq/s  {kbp / seconds,8:F1} kbp/s  ({seconds:F2} s)");
    }
    classifier.Engine.Dispose();
    var (t, o) = (results[InferenceEngine.Torch], results[InferenceEngine.Onnx]);
    double diff = t.Probabilities.Zip(o.Probabilities).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
    Console.WriteLine($"{kind,-6} onnx/torch {o.SeqPerSecond / t.SeqPerSecond:F2}×; max |Δprobability| {diff:E2}");
    summary.Add($"{kind}_torch_seq_s={t.SeqPerSecond:F1} {kind}_onnx_seq_s={o.SeqPerSecond:F1} {kind}_ratio_onnx_torch={o.SeqPerSecond / t.SeqPerSecond:F3} {kind}_max_abs_diff={diff:E2}");
}
Console.WriteLine(string.Join(' ', summary));

static string Choice(InferenceEngine engine) => engine.ToString().ToLowerInvariant();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
