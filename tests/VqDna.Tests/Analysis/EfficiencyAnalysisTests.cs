using VqDna.Analysis;
using VqDna.Models.Tokenizer;
using VqDna.Training;

namespace VqDna.Tests.Analysis;

public sealed class EfficiencyAnalysisTests
{
    [Fact]
    public void TrainsEveryVariantAndWritesTheTable()
    {
        using var temp = RepoData.NewTempFolder();
        string[] files = [RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"), RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")];
        var corpus = GenomeCorpus.Load(files);
        var task = GenomeProbeTask.Build(files, window: 64, perClass: 20, seed: 1);
        var settings = new EfficiencySettings(TokenizerPreset.Tiny, CodebookSizes: [8, 16], CodeDims: [8, 12], DimStudyCodebookSize: 8, DefaultCodeDim: 8,
            Steps: 6, WindowLength: 64, BatchSize: 4);
        var rows = EfficiencyAnalysis.Run(corpus, task, settings, temp.Path);

        Assert.Equal(8, rows.Count);                                   // 2 sizes × 2 quantizers + 2 dims × 2 quantizers
        Assert.Equal(["vq", "hrq"], rows.Take(2).Select(r => r.Quantizer));
        Assert.All(rows, r => Assert.InRange(r.ReconstructionAccuracy, 0, 1));
        Assert.All(rows, r => Assert.InRange(r.ProbeMcc, -1, 1));
        Assert.Contains(rows, r => r.Study == "code dim" && r.CodeDim == 12);
        var markdown = File.ReadAllText(Path.Combine(temp.Path, "efficiency.md"));
        Assert.Contains("| codebook size | HRQ | 16 | 8 |", markdown);
        Assert.Contains("| context r=1 |", markdown);
        Assert.All(rows, r => Assert.Equal(r.Quantizer == "hrq" ? 2 : 1, r.Context!.Levels.Count));
        Assert.True(File.Exists(Path.Combine(temp.Path, "efficiency.json")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "hrq-k8-d12", "model.safetensors")));
    }

    [Fact]
    public void ProbeTaskSplitsNeverShareSequence()
    {
        string[] files = [RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"), RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")];
        var task = GenomeProbeTask.Build(files, window: 100, perClass: 30, seed: 2);
        var train = task.Train.Select(s => s.Sequence).ToHashSet();
        Assert.DoesNotContain(task.Test, s => train.Contains(s.Sequence));
        Assert.DoesNotContain(task.Dev, s => train.Contains(s.Sequence));
        Assert.Equal(60, task.Train.Count);
        Assert.Equal(2, task.Labels.Count);
    }
}
