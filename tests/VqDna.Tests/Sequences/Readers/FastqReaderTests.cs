using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences.Readers;

public sealed class FastqReaderTests
{
    [Fact]
    public void ReadsRealReadsWithQualities()
    {
        var reads = SequenceFile.Read(RepoData.Data("reads/lambda_reads_2000.fq.gz")).ToList();
        Assert.Equal(2000, reads.Count);
        Assert.Equal("r1", reads[0].Id);
        Assert.All(reads, r => Assert.Equal(r.Length, r.Quality!.Length));
        Assert.Contains(reads, r => r.Sequence.Contains('N'));
    }

    [Fact]
    public void QualityLengthMismatchNamesTheLine()
    {
        var e = Assert.Throws<SequenceFormatException>(() =>
            FastqReader.Read(new StringReader("@a\nACGT\n+\nIIII\n@b\nACGT\n+\nIII\n"), "r.fq").ToList());
        Assert.Equal(("b", 8L), (e.RecordId, e.LineNumber));
        Assert.Contains("3 characters but the sequence has 4", e.Message);
    }

    [Fact]
    public void MultiLineFastqIsRejected()
    {
        var e = Assert.Throws<SequenceFormatException>(() =>
            FastqReader.Read(new StringReader("@a\nACGT\nACGT\n+\nIIIIIIII\n"), "r.fq").ToList());
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("'+' separator", e.Message);
    }

    [Fact]
    public void TruncatedRecordIsAnError()
    {
        var e = Assert.Throws<SequenceFormatException>(() => FastqReader.Read(new StringReader("@a\nACGT\n+\n"), "r.fq").ToList());
        Assert.Contains("file ends", e.Message);
    }

    [Fact]
    public void InvalidBaseNamesReadAndLine()
    {
        var e = Assert.Throws<SequenceFormatException>(() => FastqReader.Read(new StringReader("@a\nAC.T\n+\nIIII\n"), "r.fq").ToList());
        Assert.Equal(("a", 2L), (e.RecordId, e.LineNumber));
    }
}
