using VqDna.Quickstart;
using VqDna.Training.Engine;

namespace VqDna.Tests.Quickstart;

/// <summary>The quickstart end to end at a toy budget on the real embedded genomes: every stage, the report, reuse and --force.</summary>
[Collection("serial")]
public sealed class QuickstartRunnerTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    private QuickstartConfig Config(bool force = false) => new(
        Directory.GetFiles(RepoData.Data("genomes")).Order(StringComparer.Ordinal).ToList(), temp.File("quickstart"),
        TokenizerSteps: 4, PretrainSteps: 4, PretrainWindow: 64, PretrainBatch: 4, FinetuneEpochs: 0.5, FinetuneSeeds: 1,
        SpeciesWindow: 60, SpeciesPerClass: (8, 4, 4), Force: force);

    [Fact]
    public void RunsEveryStageWritesTheReportAndReusesFinishedStages()
    {
        var display = new RecordingDisplay();
        var first = QuickstartRunner.Run(Config(), display);

        Assert.Equal(10, display.Stages);
        Assert.Empty(first.Reused);
        Assert.Equal(["species_60bp", "coding_200"], first.Tasks.Select(t => t.Name));
        Assert.Equal(6, first.Tasks[0].Classes.Count);
        Assert.Equal(6 * 8, first.Tasks[0].Train);
        Assert.Equal(6, first.Scores.Count);                                   // 2 tasks × (hrq, 6mer, the k-mer baseline) × 1 seed
        Assert.Equal(["hrq", "6mer", "kmer-lr"], first.Scores.Select(s => s.Tokenizer).Distinct());
        Assert.All(first.Scores, s => Assert.InRange(s.TestMcc, -1, 1));
        Assert.Equal(2, first.Pretraining.Count);

        var report = File.ReadAllText(first.ReportPath);
        var root = Path.GetDirectoryName(first.ReportPath)!;
        foreach (var link in new[] { "figures/test_mcc.png", "tokenizer/code_usage.png", "tokenizer/curves_loss.png", "pretrain-hrq/curves_loss.png",
                     "pretrain-6mer/curves_scores.png", "finetune/species_60bp-hrq-seed0/curves_scores.png" })
        {
            Assert.Contains($"({link})", report, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(root, link)), $"{link} missing");
        }
        Assert.Contains("| coding_200 | 6mer |", report, StringComparison.Ordinal);
        Assert.Contains("| coding_200 | kmer-lr |", report, StringComparison.Ordinal);
        Assert.Matches(@"- coding_200: kmer-lr test MCC -?\d\.\d{3}; hrq (beats it|loses) by \d\.\d{3}, 6mer (beats it|loses) by \d\.\d{3} MCC\.", report);

        // A second run trains nothing and reports the same scores.
        var again = new RecordingDisplay();
        var second = QuickstartRunner.Run(Config(), again);
        Assert.Equal(0, again.Trainings);
        Assert.Equal(first.Scores, second.Scores);
        Assert.Equal(2 + 1 + 2 + 4 + 2, second.Reused.Count);

        // --force trains every stage again (same seeds: the same scores).
        var forced = new RecordingDisplay();
        var third = QuickstartRunner.Run(Config(force: true), forced);
        Assert.Empty(third.Reused);
        Assert.Equal(1 + 2 + 4, forced.Trainings);
        Assert.Equal(first.Scores.Select(s => s.TestMcc), third.Scores.Select(s => s.TestMcc));
    }

    [Fact]
    public void AMissingGenomeIsNamed()
    {
        var config = Config() with { Genomes = [RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")] };
        var error = Assert.Throws<FileNotFoundException>(() => QuickstartRunner.Run(config, new RecordingDisplay()));
        Assert.Contains("human_chr20", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingDisplay : IQuickstartDisplay
    {
        public int Stages { get; private set; }

        public int Trainings { get; private set; }

        public void Stage(int index, int count, string title)
        {
            Assert.Equal(Stages + 1, index);
            Stages++;
        }

        public void Info(string line) => Assert.False(string.IsNullOrWhiteSpace(line));

        public T Train<T>(int totalSteps, Func<IProgress<TrainingProgress>, T> run)
        {
            Trainings++;
            return run(new Progress<TrainingProgress>());
        }
    }
}
