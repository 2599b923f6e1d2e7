using System.Diagnostics;
using System.Globalization;
using VqDna.Bench;
using VqDna.Data;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Torch;
using VqDna.Training;

// bench/tokenize-genome: tokenizes human GRCh37 chr20 (63 Mbp, 60 kb of N at its start and six more
// N runs) exactly as `vqdna tokenize chr20.fa.gz -o codes.tsv` does (TokenizeJob: streamed records,
// codes written as produced), and reports bp/s and the peak resident memory (VmHWM), which must stay
// bounded whatever the record length (issue 7, defect 7: ~89 bytes/nt before, 1.78 GB for 20 Mbp).
// The chromosome comes from the vt-examples Debian package, fetched into data/cache as
// `vqdna data fetch` does. Without --tokenizer a tiny HRQ tokenizer is trained first (~20 s).
// Usage: bench/run.sh tokenize-genome [--input FILE] [--tokenizer DIR] [--window N] [--batch N]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var home = Environment.GetEnvironmentVariable("VQDNA_HOME") ?? Directory.GetCurrentDirectory();
string? input = null, folder = null;
int window = 4096, batch = 32;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--input": input = Next(); break;
        case "--tokenizer": folder = Next(); break;
        case "--window": window = int.Parse(Next()); break;
        case "--batch": batch = int.Parse(Next()); break;
        default: throw new ArgumentException($"unknown option '{args[i]}'");
    }
}

input ??= Path.Combine(DebianPackage.Extract("vt-examples", Path.Combine(home, "data", "cache"), Console.WriteLine),
    "usr/share/doc/vt/examples/ref/20.fa.gz");
var scratch = Directory.CreateTempSubdirectory("vqdna-tokenize-genome-").FullName;
try
{
    if (folder is null)
    {
        folder = Path.Combine(scratch, "tokenizer");
        var corpus = GenomeCorpus.Load([Path.Combine(home, "data", "genomes", "human_chr20_1000000_300kb.fa.gz")]);
        var config = new TokenizerTrainingConfig(VqTokenizerConfig.Tiny(), TokenizerTrainingConfig.DefaultOptimization(150) with { WarmupSteps = 10 },
            WindowLength: 256, BatchSize: 16, EvalBatches: 2);
        var trainWatch = Stopwatch.StartNew();
        TokenizerTrainer.Train(corpus, config, folder);
        Console.WriteLine($"trained a tiny HRQ tokenizer in {trainWatch.Elapsed.TotalSeconds:F1} s");
    }
    using var tokenizer = LearnedTokenizer.Load(folder, window, batch);
    var c = tokenizer.Config;
    Console.WriteLine($"tokenizer: {c.Kind}, width {c.Width}, {c.Blocks} blocks, codebooks {string.Join("+", Enumerable.Range(1, c.Levels).Select(c.LevelCodebookSize))}; " +
        $"window {window}, batch {batch}, threads {torch.get_num_threads()}");
    Console.WriteLine($"input: {input}");
    long before = ProcessMemory.PeakRssKb();
    var codesPath = Path.Combine(scratch, "codes.tsv");
    TokenizeSummary summary;
    using (var codes = new StreamWriter(codesPath, false, new System.Text.UTF8Encoding(false), 1 << 16))
        summary = new TokenizeJob(tokenizer).Run(input, codes, jsonLines: false, recordDone: r =>
            Console.WriteLine($"{r.Id}: {r.Length:N0} nt ({r.NBases:N0} N), peak RSS so far {ProcessMemory.PeakRssKb() / 1024.0:F0} MB"));
    long peak = ProcessMemory.PeakRssKb();
    long codesBytes = new FileInfo(codesPath).Length;
    Console.WriteLine($"tokenized {summary.Bases:N0} nt in {summary.Elapsed.TotalSeconds:F1} s: {summary.BasesPerSecond / 1000:F0} kbp/s; " +
        $"codes file {codesBytes / 1e6:F0} MB; peak RSS {peak / 1024.0:F0} MB, of which {before / 1024.0:F0} MB before tokenizing " +
        $"(runtime, libtorch, the tokenizer training): +{(peak - before) / 1024.0:F0} MB for a {summary.Bases / 1e6:F0} Mbp record");
    Console.WriteLine($"bases={summary.Bases} n_bases={summary.NBases} seconds={summary.Elapsed.TotalSeconds:F1} bp_per_s={summary.BasesPerSecond:F0} " +
        $"peak_rss_mb={peak / 1024.0:F0} rss_before_mb={before / 1024.0:F0} codes_mb={codesBytes / 1e6:F0}");
}
finally
{
    Directory.Delete(scratch, recursive: true);
}

// Peak resident set size of this process (kB), as the kernel counts it.
