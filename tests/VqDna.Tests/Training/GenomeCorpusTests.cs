using VqDna.Training;

namespace VqDna.Tests.Training;

public sealed class GenomeCorpusTests
{
    [Fact]
    public void AFileOfOnlyNIsRefusedNamingIt()
    {
        // Issue 19: an all-N corpus trained a tokenizer to "100% accuracy" on N alone. Ambiguity codes read as N too.
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("unknown.fa");
        File.WriteAllText(path, ">a\n" + new string('N', 500) + "\n>b\nNNRYKMnnn\n");
        var e = Assert.Throws<InvalidDataException>(() => GenomeCorpus.Load([RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz"), path]));
        Assert.Equal($"'{path}' holds no A, C, G or T: its 2 record(s) are all N (unknown or ambiguous bases); nothing to learn from", e.Message);
    }

    [Fact]
    public void OneKnownBaseIsEnoughAndLowerCaseCounts()
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("masked.fa");
        File.WriteAllText(path, ">a\n" + new string('N', 500) + "\n>b\nNNNacNN\n");
        Assert.Equal(2, GenomeCorpus.Load([path]).Records.Count);
    }
}
