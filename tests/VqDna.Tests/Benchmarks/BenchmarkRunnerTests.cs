using System.Text.Json;
using VqDna.Benchmarks;
using VqDna.Data;
using VqDna.Datasets.Builders;
using VqDna.Evaluation;
using VqDna.IO;
using VqDna.Models.Baselines;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Benchmarks;

[Collection("serial")]
public sealed class BenchmarkRunnerTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    /// <summary>A real three-class task: the first 150 StatLog splice junctions (60 nt), split by the splice builder.</summary>
    private string SpliceTask()
    {
        var slice = RepoData.TestData("tasks/statlog_dna_first150.csv");
        var folder = Path.Combine(temp.Path, "tasks", "splice_60");
        new SpliceTaskBuilder().Build(StatLogDna.ReadExport(slice), 1, slice).Save(folder, 1);
        return folder;
    }

    private BenchmarkConfig Config(string task) => new(
        Tasks: [task], Tokenizers: ["char", "6mer"], Corpus: [RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")],
        Finetune: BenchmarkConfig.DefaultFinetune(steps: 3, maxTrainExamples: 40) with { BatchSize = 8, EvalEvery = 3 },
        Seeds: 1, PretrainSteps: 3, WindowLength: 64, BatchSize: 4, Baselines: [BaselineKind.KmerLr]);

    [Fact]
    public void WritesTheTableAndASecondRunReusesEveryStage()
    {
        var task = SpliceTask();
        var output = Path.Combine(temp.Path, "bench");
        var lines = new List<string>();
        var first = BenchmarkRunner.Run(Config(task), output, new SyncLog(lines));
        Assert.Equal(7, first.StagesRun);                                        // 2 backbones + 2 fine-tunings + 2 probes + 1 baseline
        Assert.Equal(0, first.StagesReused);
        Assert.Contains(lines, l => l.StartsWith("[1/7] pretrain char: training", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[7/7] baseline splice_60 kmer-lr seed 0: training", StringComparison.Ordinal));

        foreach (var file in new[] { BenchmarkTable.MarkdownFile, BenchmarkTable.JsonFile, BenchmarkTable.CsvFile })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        var csv = File.ReadAllLines(Path.Combine(output, BenchmarkTable.CsvFile));
        Assert.Equal(4, csv.Length);                                             // header + 1 task × (2 tokenizers + 1 baseline)
        Assert.StartsWith("splice_60,mcc,char,", csv[1]);
        Assert.StartsWith("splice_60,mcc,6mer,", csv[2]);
        Assert.StartsWith("splice_60,mcc,kmer-lr,", csv[3]);
        Assert.Contains(",,0,", csv[3]);                                         // no tokens per nucleotide, no pre-training
        var markdown = File.ReadAllText(Path.Combine(output, BenchmarkTable.MarkdownFile));
        Assert.Contains("| task | metric | char | 6mer | kmer-lr | majority class |", markdown);
        Assert.Contains("*kmer-lr*: classical baselines", markdown);
        // 3 steps × 4 windows × 64 nt = 768 nt per backbone; 6-mers are 14 tokens per 64 nt, so 168 tokens.
        Assert.Contains("| pre-train nt seen | | 768 | 768 | — | |", markdown);
        Assert.Contains("| pre-train tokens seen | | 768 | 168 | — | |", markdown);
        // The baseline is the same fit `vqdna baseline` makes, on the same rows (the fine-tuning subset of seed 0).
        var baseline = Assert.Single(first.BaselineSummaries);
        Assert.Equal("kmer-lr", baseline.Baseline);
        var fitted = JsonFiles.Read<BaselineResult>(Path.Combine(BenchmarkRunner.BaselineDirectory(output, "splice_60", BaselineKind.KmerLr, 0), "metrics.json"));
        Assert.Equal(first.Score("splice_60", "kmer-lr").Mean, fitted.Test.Mcc, 12);
        Assert.Equal(BenchmarkTable.AverageRank(first.Scores, "kmer-lr"), baseline.AverageRank);
        // The floor: the test split's F1/MCC of always answering the most frequent training class (MCC 0).
        var majority = Assert.Single(first.Majority);
        Assert.Equal(0.0, majority.Score, 12);
        Assert.Matches(@"\| splice_60 \| MCC \|.* \| 0\.000 \|", markdown);
        // The linear probe of each frozen backbone: scored on test, chosen on dev, one per task × tokenizer.
        Assert.Contains("## Linear probe of the pre-trained backbones", markdown);
        Assert.Equal(["char", "6mer"], first.Probes.Select(p => p.Tokenizer));
        Assert.All(first.Probes, p => Assert.InRange(p.Test, -1.0, 1.0));
        Assert.True(File.Exists(Path.Combine(BenchmarkRunner.ProbeDirectory(output, "splice_60", "char"), BackboneProbe.ResultFile)));
        Assert.Contains("| splice_60 | MCC |", markdown);
        Assert.Contains("(bench.png)", markdown);
        Assert.True(new FileInfo(Path.Combine(output, BenchmarkTable.ChartFile + ".png")).Length > 1000);
        Assert.Contains("splice_60 (MCC)", File.ReadAllText(Path.Combine(output, BenchmarkTable.ChartFile + ".svg")));
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, BenchmarkTable.JsonFile))))
            Assert.Equal(3, json.RootElement.GetProperty("scores").GetArrayLength());
        Assert.Equal([1.0, 2.0, 3.0], first.Scores.Select(s => s.Rank).Order());
        // Tokens per nucleotide: one per base for char; for 6-mers a 64-nt window is 10 six-mers and 4 single-base
        // fallbacks (14 / 64), about a sixth on long windows.
        Assert.Equal(1.0, first.Tokenizers[0].TokensPerNucleotide, 6);
        Assert.Equal(14 / 64.0, first.Tokenizers[1].TokensPerNucleotide, 6);

        var weights = Path.Combine(BenchmarkRunner.PretrainDirectory(output, "char"), "model.safetensors");
        var metrics = Path.Combine(BenchmarkRunner.FinetuneDirectory(output, "splice_60", "6mer", 0), Finetuner.MetricsFile);
        var stamps = (File.GetLastWriteTimeUtc(weights), File.GetLastWriteTimeUtc(metrics));
        var second = BenchmarkRunner.Run(Config(task), output);
        Assert.Equal(0, second.StagesRun);
        Assert.Equal(7, second.StagesReused);
        Assert.Equal(stamps, (File.GetLastWriteTimeUtc(weights), File.GetLastWriteTimeUtc(metrics)));
        Assert.Equal(first.Scores.Select(s => s.Mean), second.Scores.Select(s => s.Mean));
        Assert.Equal(first.Probes.Select(p => p.Test), second.Probes.Select(p => p.Test));
    }

    [Fact]
    public void ASecondRunWithAnotherBudgetIsRefusedBeforeItTrains()
    {
        var task = SpliceTask();
        var output = Path.Combine(temp.Path, "bench-settings");
        BenchmarkSettings.CheckOrWrite(output, Config(task));
        // More tokenizers, tasks or seeds only add stages: the same budget is accepted.
        BenchmarkSettings.CheckOrWrite(output, Config(task) with { Tokenizers = ["char", "6mer", "bpe"], Seeds = 3 });

        var longer = Config(task) with { PretrainSteps = 200, Finetune = Config(task).Finetune with { Epochs = 1 } };
        var e = Assert.Throws<InvalidOperationException>(() => BenchmarkRunner.Run(longer, output));
        Assert.Contains($"'{output}'", e.Message);
        Assert.Contains("pretrain_steps was 3, now 200", e.Message);
        Assert.Contains(FormattableString.Invariant($"finetune.epochs was {FinetuneConfig.DefaultEpochs}, now 1"), e.Message);
        Assert.False(Directory.Exists(Path.Combine(output, "pretrain")), "nothing is trained before the check");

        // --rc-augment is part of the recipe: refused on a folder run without it, and handed to the CNN read beside the models.
        var augmented = Config(task) with { Finetune = Config(task).Finetune with { ReverseComplement = true } };
        Assert.Contains("finetune.reverse_complement was false, now true", Assert.Throws<InvalidOperationException>(() => BenchmarkRunner.Run(augmented, output)).Message);
        Assert.True(augmented.BaselineWithSeed(1).Cnn.ReverseComplement);
        Assert.False(Config(task).BaselineWithSeed(1).Cnn.ReverseComplement);
    }

    [Fact]
    public void UnknownTokenizersAreListedWithTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => (Config(SpliceTask()) with { Tokenizers = ["char", "kmer9", "wordpiece"] }).Validate());
        Assert.Contains("kmer9, wordpiece", e.Message);
        Assert.Contains("char, kmer3, kmer4, kmer5, kmer6, 6mer, bpe, vq, hrq", e.Message);
    }

    [Fact]
    public void RanksAreFractionalWithTheBestFirst()
    {
        Assert.Equal([2.0, 1.0, 3.0], BenchmarkTable.Ranks([0.5, 0.9, 0.1]));
        Assert.Equal([1.5, 1.5, 3.0, 4.0], BenchmarkTable.Ranks([0.7, 0.7, 0.2, -0.1]));
        Assert.Equal([2.0, 2.0, 2.0], BenchmarkTable.Ranks([0.3, 0.3, 0.3]));

        // Two tasks, three tokenizers: a = (1, 3) → 2; b = (2, 1) → 1.5; c = (3, 2) → 2.5.
        var scores = BenchmarkTable.ScoreTask("promoter", [("a", [0.9, 0.7], 1), ("b", [0.6, 0.6], 1), ("c", [0.2, 0.4], 1)])
            .Concat(BenchmarkTable.ScoreTask("covid_variants", [("a", [0.1], 1), ("b", [0.8], 1), ("c", [0.5], 1)])).ToList();
        Assert.Equal(2.0, BenchmarkTable.AverageRank(scores, "a"));
        Assert.Equal(1.5, BenchmarkTable.AverageRank(scores, "b"));
        Assert.Equal(2.5, BenchmarkTable.AverageRank(scores, "c"));
        Assert.Equal(0.8, scores[0].Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), scores[0].Std, 12);                        // sample std of 0.9, 0.7
        Assert.Equal(0.0, scores[1].Std);
        Assert.Equal(TaskMetric.Mcc, scores[0].Metric);
        Assert.Equal(TaskMetric.F1Macro, scores[3].Metric);
    }

    /// <summary>Collects log lines on the calling thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncLog(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
