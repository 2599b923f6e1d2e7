using VqDna.Datasets;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Datasets;

public sealed class GueTaskTests
{
    [Fact]
    public void SaveAndLoadRoundTripWithClassOrder()
    {
        using var temp = RepoData.NewTempFolder();
        var phage = Assert.Single(SequenceFile.Read(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"))).Sequence;
        var cov = Assert.Single(SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz"))).Sequence;
        List<LabelledSequence> Windows(int offset) =>
            [.. Enumerable.Range(0, 4).SelectMany(i => new[] { new LabelledSequence(phage.Substring(offset + i * 100, 100), 1), new LabelledSequence(cov.Substring(offset + i * 100, 100), 0) })];
        var task = new GueTask("phage_vs_virus", new LabelSet(["sars_cov2", "lambda"]), Windows(0), Windows(1000), Windows(2000));
        var folder = Path.Combine(temp.Path, "phage_vs_virus");
        task.Save(folder);
        var loaded = GueTask.Load(folder);
        Assert.Equal("phage_vs_virus", loaded.Name);
        Assert.Equal(["sars_cov2", "lambda"], loaded.Labels.Names);
        Assert.Equal(task.Train, loaded.Train);
        Assert.Equal(task.Test, loaded.Test);
    }

    [Fact]
    public void LabelOutsideTheSavedSetNamesFileAndLine()
    {
        using var temp = RepoData.NewTempFolder();
        foreach (var split in GueTask.SplitNames) File.WriteAllText(temp.File(split + ".csv"), "sequence,label\nACGT,0\nACGT,1\n");
        File.AppendAllText(temp.File("dev.csv"), "ACGT,2\n");
        new LabelSet(["0", "1"]).Save(temp.File(LabelSet.FileName));
        var e = Assert.Throws<SequenceFormatException>(() => GueTask.Load(temp.Path));
        Assert.EndsWith("dev.csv", e.FilePath);
        Assert.Equal(4, e.LineNumber);
    }

    [Fact]
    public void MissingSplitIsReported()
    {
        using var temp = RepoData.NewTempFolder();
        File.WriteAllText(temp.File("train.csv"), "sequence,label\nACGT,0\n");
        var e = Assert.Throws<FileNotFoundException>(() => GueTask.Load(temp.Path));
        Assert.Contains("dev.csv", e.Message);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("dev")]
    [InlineData("test")]
    public void AHeaderOnlySplitIsRefusedNamingTheFile(string split)
    {
        // Issue 19: a header-only train.csv said "Sequence contains no elements"; a header-only dev.csv
        // said "no examples to score" after training had started and left files.
        using var temp = RepoData.NewTempFolder();
        foreach (var name in GueTask.SplitNames) File.WriteAllText(temp.File(name + ".csv"), "sequence,label\nACGT,a\nACGA,b\n");
        File.WriteAllText(temp.File(split + ".csv"), "sequence,label\n");
        var e = Assert.Throws<InvalidDataException>(() => GueTask.Load(temp.Path));
        Assert.Contains(split + ".csv: no rows after the header", e.Message);
    }

    [Fact]
    public void ATrainingSplitWithOneClassIsRefused()
    {
        using var temp = RepoData.NewTempFolder();
        foreach (var name in GueTask.SplitNames) File.WriteAllText(temp.File(name + ".csv"), "sequence,label\nACGT,a\nACGA,b\n");
        File.WriteAllText(temp.File("train.csv"), "sequence,label\nACGT,a\nACGA,a\n");
        var e = Assert.Throws<InvalidDataException>(() => GueTask.Load(temp.Path));
        Assert.Contains("train.csv: every row has the label 'a'", e.Message);
    }

    [Fact]
    public void ALabelOnlyInTestIsRefusedNamingTheLine()
    {
        using var temp = RepoData.NewTempFolder();
        foreach (var name in GueTask.SplitNames) File.WriteAllText(temp.File(name + ".csv"), "sequence,label\nACGT,a\nACGA,b\n");
        File.AppendAllText(temp.File("test.csv"), "ACCA,c\n");
        var e = Assert.Throws<InvalidDataException>(() => GueTask.Load(temp.Path));
        Assert.Contains("test.csv, line 4: label 'c' never occurs in", e.Message);
    }
}
