using VqDna.Datasets;
using VqDna.Sequences;

namespace VqDna.Tests.Datasets;

public sealed class GueCsvTests
{
    private static List<GueCsv.Row> Read(string text) => GueCsv.Read(new StringReader(text), "train.csv");

    [Fact]
    public void ReadsRowsAndNormalisesSequences()
    {
        var rows = Read("sequence,label\nacgu,1\n\"ACGT\",0\n");
        Assert.Equal([new GueCsv.Row("ACGT", "1", 2), new GueCsv.Row("ACGT", "0", 3)], rows);
    }

    [Fact]
    public void ColumnsMayComeInEitherOrder() =>
        Assert.Equal("ACGT", Read("label,sequence\n0,ACGT\n")[0].Sequence);

    [Theory]
    [InlineData("sequence,label\n,1\n", 2, "empty sequence")]
    [InlineData("sequence,label\nACGT,\n", 2, "missing label")]
    [InlineData("sequence,label,extra\nACGT,1,x\n", 1, "unknown or repeated column 'extra'")]
    [InlineData("sequence,label\nACGT,1\nACGT,1,2\n", 3, "row has 3 fields but the header has 2")]
    [InlineData("sequence,label\nACGT\n", 2, "row has 1 fields")]
    [InlineData("sequence\nACGT\n", 1, "lacks 'label'")]
    [InlineData("", 1, "expected the header")]
    [InlineData("sequence,label\nACGT,1\nAC#T,0\n", 3, "invalid character '#' at column 3")]
    public void BadInputNamesTheLine(string text, long line, string problem)
    {
        var e = Assert.Throws<SequenceFormatException>(() => Read(text));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(problem, e.Message);
        Assert.Contains($"train.csv, line {line}", e.Message);
    }
}
