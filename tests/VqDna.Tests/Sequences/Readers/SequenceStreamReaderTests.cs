using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences.Readers;

/// <summary>The chunked reader behind `vqdna tokenize` gives what the whole-record readers give.</summary>
public sealed class SequenceStreamReaderTests
{
    private static List<(string Id, string Sequence, long N, long Ambiguous)> ReadAll(SequenceStreamReader reader, int chunk)
    {
        var records = new List<(string, string, long, long)>();
        var buffer = new char[chunk];
        while (reader.NextRecord())
        {
            var text = new System.Text.StringBuilder();
            for (int n; (n = reader.Read(buffer)) > 0;) text.Append(buffer, 0, n);
            Assert.Equal(text.Length, reader.Length);
            records.Add((reader.Id, text.ToString(), reader.NBases, reader.AmbiguousBases));
        }
        return records;
    }

    [Theory]
    [InlineData("genomes/fly_dm3_upstream2000_300.fa.gz", 1000)]
    [InlineData("genomes/human_chr20_1000000_300kb.fa.gz", 7)]
    [InlineData("genomes/ecoli_k12_NC_000913_200kb.gbk.gz", 4096)]
    [InlineData("reads/lambda_reads_2000.fq.gz", 33)]
    public void RecordsEqualTheWholeRecordReaders(string relative, int chunk)
    {
        var path = RepoData.Data(relative);
        var expected = SequenceFile.Read(path).ToList();
        using var reader = SequenceStreamReader.Open(path);
        var records = ReadAll(reader, chunk);
        Assert.Equal(expected.Select(r => r.Id), records.Select(r => r.Id));
        Assert.Equal(expected.Select(r => r.Sequence), records.Select(r => r.Sequence));
        Assert.Equal(expected.Select(r => (long)r.Sequence.Count(c => c == 'N')), records.Select(r => r.N));
    }

    [Fact]
    public void UnwrappedLinesBlankLinesAndSkippedRecordsWork()
    {
        var longLine = string.Concat(Enumerable.Repeat("ACGTN", 40_000));     // one 200 kb line
        var text = $"\n\n>one desc here\r\n{longLine}\r\n\n>two\nac\ngt\n>three\nRRA\n";
        using var reader = new SequenceStreamReader(new StringReader(text), "x.fa");
        var records = ReadAll(reader, 999);
        Assert.Equal(["one", "two", "three"], records.Select(r => r.Id));
        Assert.Equal(longLine, records[0].Sequence);
        Assert.Equal(40_000, records[0].N);
        Assert.Equal("ACGT", records[1].Sequence);
        Assert.Equal(("NNA", 2L, 2L), (records[2].Sequence, records[2].N, records[2].Ambiguous));

        using var skipping = new SequenceStreamReader(new StringReader(text), "x.fa");
        Assert.True(skipping.NextRecord());
        Assert.True(skipping.NextRecord());                                   // record one skipped unread
        Assert.Equal("two", skipping.Id);
    }

    [Theory]
    [InlineData("ACGT\n>a\nACGT\n", "x.fa, line 1: unknown sequence format")]
    [InlineData(">\nACGT\n", "x.fa, line 1: empty record name after '>'")]
    [InlineData(">a\nACGT\nAC-T\n", "x.fa, record 'a', line 3: invalid character '-' at column 3")]
    public void BadInputIsAnErrorNamingTheLine(string text, string message)
    {
        var e = Assert.Throws<SequenceFormatException>(() =>
        {
            using var reader = new SequenceStreamReader(new StringReader(text), "x.fa");
            ReadAll(reader, 100);
        });
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("\v")]
    [InlineData("\n\f \u00a0\n")]
    public void WhitespaceOnlyInputIsAnEmptyFileAsForSequenceFile(string text)
    {
        // Found by AFL++ (scripts/fuzz.sh genbank): a lone vertical tab passed the blank-skipping here but not
        // LineReader's, and format detection got a null first line (NullReferenceException).
        Assert.Empty(SequenceFile.Read(new StringReader(text), "x.fa"));
        using var reader = new SequenceStreamReader(new StringReader(text), "x.fa");
        Assert.False(reader.NextRecord());
    }
}
