// bench/tokenize: Mbp/s of every tokenizer and of Hugging Face BPE on the same input, E. coli
// K-12 (NC_000913, from the Debian package cct-examples) cut in 1 kb lines; BPE training time
// against HF's; and the two equivalence checks (same merges, same ids). Last line:
// bpe_mbps=… hf_mbps=… ratio=…
using System.Diagnostics;
using System.Globalization;
using VqDna.Bench.Tokenize;
using VqDna.Tests.Tokenizers.Bpe;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDir);

string genome = options.Genome ?? Path.Combine(
    VqDna.Data.DebianPackage.Extract("cct-examples", options.WorkDir, Console.WriteLine),
    "usr/share/doc/cct/examples/sample_projects/sample_project_3/comparison_genomes/NC_000913.gbk.gz");
var record = SequenceFile.Read(genome).First();
var lines = Enumerable.Range(0, (record.Length + 999) / 1000)
    .Select(i => record.Sequence.Substring(i * 1000, Math.Min(1000, record.Length - i * 1000))).ToList();
string linesPath = Path.Combine(options.WorkDir, "ecoli_1kb.txt");
File.WriteAllText(linesPath, string.Join('\n', lines) + "\n");
long bases = lines.Sum(l => (long)l.Length);
Console.WriteLine($"input: {record.Id} {record.Description} — {bases:N0} bp in {lines.Count} lines of 1 kb; {Environment.ProcessorCount} cores");

// BPE training: ours at DNABERT-2's 4096, and ours vs HF at HF's node default (30000, no specials).
var sw = Stopwatch.StartNew();
var bpe = new BpeTrainer(new BpeTrainerConfig(VocabSize: 4096)).TrainTokenizer(lines);
double train4096 = sw.Elapsed.TotalSeconds;
Console.WriteLine($"train bpe vocab=4096: {train4096:F2} s ({bpe.Vocabulary.Merges.Count} merges)");
sw.Restart();
var ours30k = new BpeTrainer(new BpeTrainerConfig(VocabSize: 30000, IncludeSpecialTokens: false)).Train(lines);
double train30k = sw.Elapsed.TotalSeconds;
Console.WriteLine($"train bpe vocab=30000 (HF defaults): {train30k:F2} s ({ours30k.Merges.Count} merges)");

string hfReason = "skipped (--skip-hf)";
var hf = options.SkipHf ? null : HuggingFaceReference.TryCreate(out hfReason);
if (hf is null) Console.WriteLine($"Hugging Face reference unavailable: {hfReason}");
double? hfTrain = null;
bool? mergesEqual = null, idsEqual = null;
double hfMbps = double.NaN;
if (hf is not null)
{
    string hfJson = Path.Combine(options.WorkDir, "hf_trained.json");
    hfTrain = hf.Run("train", linesPath, hfJson).GetProperty("train_s").GetDouble();
    var hfVocab = BpeVocabulary.Load(hfJson);
    mergesEqual = hfVocab.Tokens.SequenceEqual(ours30k.Tokens) && hfVocab.Merges.SequenceEqual(ours30k.Merges);
    Console.WriteLine($"train hf  vocab=30000: {hfTrain:F2} s; merges and vocab identical: {mergesEqual}");
    if (mergesEqual == false) Console.WriteLine(HuggingFaceReference.FirstDifference(hfVocab.Merges, ours30k.Merges));

    string ourJson = Path.Combine(options.WorkDir, "bpe4096.json");
    bpe.Save(ourJson);
    string idsPath = Path.Combine(options.WorkDir, "hf_ids.txt");
    hf.Run("encode", ourJson, linesPath, idsPath);
    var hfIds = File.ReadLines(idsPath).ToList();
    idsEqual = hfIds.Count == lines.Count && lines.Select((l, i) => string.Join(' ', bpe.Encode(l)) == hfIds[i]).All(x => x);
    Console.WriteLine($"hf encode with our vocab+merges gives our ids: {idsEqual}");
    hfMbps = hf.Run("bench", ourJson, linesPath, options.Repeats.ToString(CultureInfo.InvariantCulture)).GetProperty("mbps").GetDouble();
}

ITokenizer[] tokenizers =
[
    new CharTokenizer(), new KmerTokenizer(3), new KmerTokenizer(4), new KmerTokenizer(5), new KmerTokenizer(6),
    new NonOverlappingKmerTokenizer(6), bpe,
];
Console.WriteLine($"{"tokenizer",-24} {"vocab",6} {"tokens/kb",10} {"1 thread Mbp/s",15} {"all cores Mbp/s",16}");
double bpeMbps = 0;
foreach (var t in tokenizers)
{
    string name = t switch { KmerTokenizer k => $"kmer k={k.K}", NonOverlappingKmerTokenizer n => $"{n.K}-mer non-overlapping", BpeTokenizer => "bpe 4096", _ => t.Type };
    long tokens = lines.Sum(l => (long)t.Encode(l).Length);
    double single = Throughput.Measure(lines, t, parallel: false, options.Repeats);
    double all = Throughput.Measure(lines, t, parallel: true, options.Repeats);
    Console.WriteLine($"{name,-24} {t.VocabSize,6} {tokens * 1000.0 / bases,10:F1} {single,15:F1} {all,16:F1}");
    if (t is BpeTokenizer) bpeMbps = all;
}
if (hf is not null) Console.WriteLine($"{"hf bpe 4096 (node)",-24} {bpe.VocabSize,6} {"",10} {"",15} {hfMbps,16:F1}");
Console.WriteLine($"training: ours 4096 {train4096:F2} s, ours 30000 {train30k:F2} s, hf 30000 {(hfTrain is { } h ? h.ToString("F2") : "n/a")} s");
Console.WriteLine($"equivalence: merges_equal={Show(mergesEqual)} ids_equal={Show(idsEqual)}");
Console.WriteLine($"bpe_mbps={bpeMbps:F2} hf_mbps={hfMbps:F2} ratio={bpeMbps / hfMbps:F2}");
return mergesEqual == false || idsEqual == false ? 1 : 0;

static string Show(bool? b) => b is null ? "skipped" : b.Value ? "true" : "false";
