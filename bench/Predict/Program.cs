using System.Diagnostics;
using System.Globalization;
using VqDna.Bench;
using VqDna.Inference;
using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;

// bench/predict: what `vqdna predict` does per sequence, on both engines one after the other: a seeded,
// untrained fine-tuned classifier (weights do not change the work) at --preset over (a) the kmer6 tokenizer
// (token ids) and (b) a seeded untrained `tiny` HRQ learned tokenizer (code vectors), classifying 1 kb windows
// cut evenly from the embedded genomes. Each engine runs the whole of SequenceClassifier.Probabilities, the
// tokenizer included (a learned tokenizer's encoder runs on the same engine, as `vqdna predict --engine` does);
// ONNX Runtime runs the classifier exported in memory. Reports sequences/s, kbp/s, the ratio onnx/torch and the
// largest |Δprobability| between the engines.
// Usage: bench/run.sh predict [--preset tiny|small] [--windows N] [--length BP] [--batch N] [--tokenizers kmer6,hrq]
//
// --memory [--lengths 10000,100000,1000000]: peak resident memory (VmHWM) of predicting ONE record of each length
// (the embedded genomes concatenated, cut to length) on each engine, each point in a fresh process (peak RSS only
// grows within a process), with the same seeded untrained classifier (--tokenizers' first kind, default hrq).
// Both engines cut long records into context-sized chunks and run at most 16 chunks at a time (issue 20: the
// ONNX engine used to feed a whole record to the graph, 9.98 GB at 300 kb), so the peak must stay nearly flat.
// With --window W [--stride S]: windows along the record, as `vqdna predict --window` reads a FASTA file: the record's
// text is generated as it is read (the embedded genomes repeated, 80 bases per line) and cut into windows as its bases
// stream in (StreamedWindows), so no copy of the record exists; lengths may exceed the embedded genomes (20000000).
// A stride larger than the window reads every base but classifies one window per stride, for the slower engine.
// The last line is key=value pairs.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "--memory-child")
    return MemoryChild(args[1], Enum.Parse<InferenceEngine>(args[2], ignoreCase: true), int.Parse(args[3]), args[4], int.Parse(args[5]), int.Parse(args[6]));
if (args.Contains("--memory")) return MemoryParent(args);
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
Console.WriteLine($"preset {preset}; {count} windows of {length} bp (from {all.Count}); batch {batch}; threads {torch.get_num_threads()}; load average {ProcessMemory.LoadAverage()}");

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

    var results = new Dictionary<InferenceEngine, (double SeqPerSecond, float[][] Probabilities)>();
    foreach (var engine in new[] { InferenceEngine.Torch, InferenceEngine.Onnx })
    {
        inputs.UseEngine(engine);
        classifier.UseEngine(engine == InferenceEngine.Torch
            ? new TorchClassifierEngine(classifier)
            : ClassifierEngines.CreateOnnx(model, inputs));
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
return 0;

// One record of each length on each engine, each in its own process; prints a table, then key=value pairs.
static int MemoryParent(string[] args)
{
    var lengths = new List<int> { 10_000, 100_000, 1_000_000 };
    string kind = "hrq", preset = "tiny";
    int window = 0, stride = 0;
    for (int i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--memory": break;
            case "--lengths": lengths = Next().Split(',').Select(int.Parse).ToList(); break;
            case "--tokenizers": kind = Next().Split(',')[0]; break;
            case "--preset": preset = Next(); break;
            case "--window": window = int.Parse(Next()); break;
            case "--stride": stride = int.Parse(Next()); break;
            default: throw new ArgumentException($"unknown option '{args[i]}' with --memory");
        }
    }
    if (stride == 0) stride = window;
    var how = window > 0 ? $"windows of {window:N0} bp every {stride:N0} bp along one streamed record" : "one record";
    Console.WriteLine($"peak RSS of `predict`, {how}, {kind} tokenizer, preset {preset}; threads {torch.get_num_threads()}; load average {ProcessMemory.LoadAverage()}");
    Console.WriteLine($"{"engine",-6} {"length",10} {"baseline MB",12} {"peak MB",9} {"+MB",7} {"seconds",8}  p");
    var pairs = new List<string>();
    foreach (var engine in new[] { InferenceEngine.Torch, InferenceEngine.Onnx })
        foreach (var length in lengths)
        {
            var fields = ChildRun.LastLinePairs($"the {Choice(engine)} run at {length} bp", "--memory-child", preset, Choice(engine),
                length.ToString(CultureInfo.InvariantCulture), kind, window.ToString(CultureInfo.InvariantCulture),
                stride.ToString(CultureInfo.InvariantCulture));
            double baseline = double.Parse(fields["baseline_kb"]) / 1024, peak = double.Parse(fields["peak_kb"]) / 1024;
            Console.WriteLine($"{Choice(engine),-6} {length,10:N0} {baseline,12:F0} {peak,9:F0} {peak - baseline,7:F0} {fields["seconds"],8}  {fields["p"]}");
            pairs.Add($"{Choice(engine)}_{length}_peak_mb={peak:F0}");
        }
    Console.WriteLine(string.Join(' ', pairs));
    return 0;
}

// Builds the seeded classifier, predicts one record of `length` bp, prints the peak resident memory before and after.
static int MemoryChild(string preset, InferenceEngine engine, int length, string kind, int window, int stride)
{
    if (window > 0) return WindowsMemoryChild(preset, engine, length, kind, new SequenceWindows(window, stride));
    var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
    var record = new System.Text.StringBuilder(length);
    foreach (var file in Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal))
        foreach (var r in SequenceFile.Read(file))
        {
            record.Append(r.Sequence.AsSpan(0, Math.Min(r.Sequence.Length, length - record.Length)));
            if (record.Length == length) break;
        }
    if (record.Length < length) throw new ArgumentException($"the embedded genomes hold only {record.Length:N0} bp, fewer than {length:N0}");
    var (inputs, model, classifier) = SeededClassifier(preset, engine, kind);
    using var disposeInputs = inputs;
    using var disposeModel = model;
    classifier.Probabilities([record.ToString(0, Math.Min(2_000, length))], 1);              // warm-up: sessions, arenas, JIT
    long baseline = ProcessMemory.PeakRssKb();
    var watch = Stopwatch.StartNew();
    var p = classifier.Probabilities([record.ToString()], 1)[0];
    Console.WriteLine($"baseline_kb={baseline} peak_kb={ProcessMemory.PeakRssKb()} seconds={watch.Elapsed.TotalSeconds:F1} p={string.Join(';', p.Select(x => x.ToString("F6")))}");
    classifier.Engine.Dispose();
    return 0;
}


// The seeded untrained classifier (weights do not change the work) on `engine`.
static (SequenceInputs Inputs, DnaForSequenceClassification Model, SequenceClassifier Classifier) SeededClassifier(string preset, InferenceEngine engine, string kind)
{
    torch.manual_seed(0);
    SequenceInputs inputs = kind == "hrq"
        ? new CodeVectorInputs(new LearnedTokenizer(new VqTokenizerModel(VqTokenizerConfig.Preset("tiny", "hrq") with { KMeansInit = false })))
        : TokenizerSpec.Parse(kind).Build();
    var model = new DnaForSequenceClassification(EncoderConfig.Preset(preset, inputs.Spec), new ClassifierConfig(NumLabels: 2));
    model.Eval();
    var classifier = new SequenceClassifier(model, inputs);
    inputs.UseEngine(engine);
    classifier.UseEngine(engine == InferenceEngine.Torch ? new TorchClassifierEngine(classifier) : ClassifierEngines.CreateOnnx(model, inputs));
    return (inputs, model, classifier);
}

// Windows along one generated record of `length` bp, streamed as `vqdna predict --window` streams a FASTA file.
static int WindowsMemoryChild(string preset, InferenceEngine engine, int length, string kind, SequenceWindows windows)
{
    var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
    var pool = string.Concat(Directory.GetFiles(Path.Combine(home, "data", "genomes")).Order(StringComparer.Ordinal)
        .SelectMany(f => SequenceFile.Read(f)).Select(r => r.Sequence));
    var (inputs, model, classifier) = SeededClassifier(preset, engine, kind);
    using var disposeInputs = inputs;
    using var disposeModel = model;
    classifier.Probabilities([pool[..Math.Min(2_000, windows.Window)]], 1);                  // warm-up: sessions, arenas, JIT
    long baseline = ProcessMemory.PeakRssKb();
    var watch = Stopwatch.StartNew();
    using var reader = new SequenceStreamReader(new GeneratedFasta(pool, length), "generated.fa");
    double sum = 0;
    long count = 0;
    foreach (var prediction in new Predictor(classifier, SequenceClassifier.DefaultBatchSize).Predict(StreamedWindows.Read(reader, windows)))
        (sum, count) = (sum + prediction.Probabilities[0], count + 1);
    Console.WriteLine($"baseline_kb={baseline} peak_kb={ProcessMemory.PeakRssKb()} seconds={watch.Elapsed.TotalSeconds:F1} p={sum / count:F6}");
    classifier.Engine.Dispose();
    return 0;
}

static string Choice(InferenceEngine engine) => engine.ToString().ToLowerInvariant();

// One FASTA record of `length` bases, `pool` repeated, 80 per line, produced as it is read.
sealed class GeneratedFasta(string pool, long length) : TextReader
{
    private readonly string header = ">generated " + length + " bp\n";
    private long position;

    private long Total => header.Length + length + (length + 79) / 80;

    // Line k of the body holds bases 80k … 80k + 79, then '\n' (the last line: what is left, then '\n').
    private char At(long p)
    {
        if (p < header.Length) return header[(int)p];
        long body = p - header.Length, line = body / 81, column = body % 81, b = line * 80 + column;
        return column == 80 || b == length ? '\n' : pool[(int)(b % pool.Length)];
    }

    public override int Read(Span<char> buffer)
    {
        int n = (int)Math.Min(buffer.Length, Total - position);
        for (int i = 0; i < n; i++) buffer[i] = At(position++);
        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read() => position < Total ? At(position++) : -1;

    public override int Peek() => position < Total ? At(position) : -1;
}
