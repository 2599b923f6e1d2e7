using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences.Readers;

public sealed class FastaReaderTests
{
    [Theory]
    [InlineData("genomes/human_chr20_1000000_300kb.fa.gz", "20:1000001-1300000", 300_000)]
    [InlineData("genomes/celegans_chrX_1000000_300kb.fa.gz", "chrX:1000001-1300000", 300_000)]
    [InlineData("genomes/vcholerae_O395_200kb.fa.gz", "CP001235.1:1-200000", 200_000)]
    [InlineData("genomes/sars_cov2_NC_045512.fa.gz", "NC_045512.2", 29_903)]
    [InlineData("genomes/phage_lambda_NC_001416.fa.gz", "NC_001416.1", 48_502)]
    public void ReadsRealGenomes(string file, string id, int length)
    {
        var record = Assert.Single(SequenceFile.Read(RepoData.Data(file)));
        Assert.Equal(id, record.Id);
        Assert.Equal(length, record.Length);
        Assert.All(record.Sequence, c => Assert.True(Nucleotides.IsNormalized(c)));
        Assert.InRange(Nucleotides.GcContent(record.Sequence), 0.25, 0.65);
    }

    [Fact]
    public void ReadsMultiFastaRecordByRecord()
    {
        var records = SequenceFile.Read(RepoData.Data("genomes/fly_dm3_upstream2000_300.fa.gz")).ToList();
        Assert.Equal(300, records.Count);
        Assert.All(records, r => Assert.Equal(2000, r.Length));
        Assert.Equal("NM_078863_up_2000_chr2L_16764737_f", records[0].Id);
        Assert.Equal("chr2L:16764737-16766736", records[0].Description);
    }

    [Fact]
    public void DetectsGzipByMagicBytesNotExtension()
    {
        using var temp = RepoData.NewTempFolder();
        var disguised = temp.File("genome.txt");
        File.Copy(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz"), disguised);
        Assert.Equal(29_903, Assert.Single(SequenceFile.Read(disguised)).Length);
    }

    [Fact]
    public void NormalisesSoftMaskedAndAmbiguousBases()
    {
        var record = Assert.Single(FastaReader.Read(new StringReader(">x test\nacgu\nRYKM\n\nNN\n"), "mem.fa"));
        Assert.Equal("ACGTNNNNNN", record.Sequence);
        Assert.Equal("test", record.Description);
    }

    [Fact]
    public void InvalidCharacterNamesFileRecordAndLine()
    {
        var text = ">first\nACGT\n>second\nACGT\nACJT\n";
        var e = Assert.Throws<SequenceFormatException>(() => FastaReader.Read(new StringReader(text), "bad.fa").ToList());
        Assert.Equal("bad.fa", e.FilePath);
        Assert.Equal("second", e.RecordId);
        Assert.Equal(5, e.LineNumber);
        Assert.Contains("bad.fa, record 'second', line 5: invalid character 'J' at column 3", e.Message);
    }

    [Fact]
    public void SequenceBeforeHeaderIsAnError()
    {
        var e = Assert.Throws<SequenceFormatException>(() => FastaReader.Read(new StringReader("\nACGT\n>x\nA\n"), "bad.fa").ToList());
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("'>' header", e.Message);
    }

    [Fact]
    public void EmptyRecordNameIsAnError()
    {
        var e = Assert.Throws<SequenceFormatException>(() => FastaReader.Read(new StringReader(">x\nA\n>  \nA\n"), "bad.fa").ToList());
        Assert.Equal(3, e.LineNumber);
    }

    [Fact]
    public void StreamsRecordsLazily()
    {
        // The second record is broken; the first must still come out before the error.
        var records = FastaReader.Read(new StringReader(">a\nAC\n>b\nA!\n"), "lazy.fa");
        using var e = records.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal("AC", e.Current.Sequence);
        Assert.Throws<SequenceFormatException>(() => e.MoveNext());
    }

    [Fact]
    public void UnknownFormatIsAnError()
    {
        var e = Assert.Throws<SequenceFormatException>(() => SequenceFile.Read(new StringReader("hello\n"), "x.dat").ToList());
        Assert.Contains("unknown sequence format", e.Message);
    }
}
