using System.IO.Compression;
using VqDna.Datasets;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences;

/// <summary>
/// IUPAC ambiguity codes other than N (issue 7, defect 5): read as N and counted per record, or refused
/// under strict reading with the file, record, line and column, in every reader and in task files.
/// </summary>
public sealed class AmbiguityCodesTests
{
    [Fact]
    public void NormalisationCountsNAndAmbiguityCodesSeparately()
    {
        var builder = new SequenceBuilder();
        var counts = new AmbiguityCounter(strict: false);
        Assert.Equal(-1, Nucleotides.NormalizeInto("ACGTNnRyKmswbdhvU", builder, ref counts));
        Assert.Equal("ACGTNNNNNNNNNNNNT", builder.ToString());
        Assert.Equal(12, counts.N);
        Assert.Equal(10, counts.Ambiguous);

        var strict = new AmbiguityCounter(strict: true);
        builder.Clear();
        Assert.Equal(5, Nucleotides.NormalizeInto("ACGTNR", builder, ref strict));   // N is fine, R is refused
        Assert.True(strict.IsRejected('R'));
        Assert.False(strict.IsRejected('X'));
    }

    [Fact]
    public void FastaRecordsCountAmbiguityCodesOrRefuseThemWhenStrict()
    {
        const string text = ">a first\nACGTN\nRYACGT\n>b\nACGT\nACKT\n";
        var records = FastaReader.Read(new StringReader(text), "in.fa").ToList();
        Assert.Equal("ACGTNNNACGT", records[0].Sequence);
        Assert.Equal(2, records[0].AmbiguousBases);
        Assert.Equal(1, records[1].AmbiguousBases);

        var e = Assert.Throws<SequenceFormatException>(() => FastaReader.Read(new StringReader(text), "in.fa", SequenceReadOptions.StrictBases).ToList());
        Assert.Equal("in.fa, record 'a', line 3: ambiguity code 'R' at column 1; strict reading (--strict) accepts only A, C, G, T, U and N (without --strict it is read as N and counted)", e.Message);
        Assert.Equal(3, e.LineNumber);

        // The same through the streaming reader.
        using var stream = new SequenceStreamReader(new StringReader(text), "in.fa", SequenceReadOptions.StrictBases);
        Assert.True(stream.NextRecord());
        var buffer = new char[100];
        var streamed = Assert.Throws<SequenceFormatException>(() => stream.Read(buffer));
        Assert.Equal(e.Message, streamed.Message);
    }

    [Fact]
    public void FastqAndGenBankRecordsDoTheSame()
    {
        const string fastq = "@r1\nACGTWS\n+\nIIIIII\n";
        Assert.Equal(2, FastqReader.Read(new StringReader(fastq), "in.fq").Single().AmbiguousBases);
        var e = Assert.Throws<SequenceFormatException>(() => FastqReader.Read(new StringReader(fastq), "in.fq", SequenceReadOptions.StrictBases).ToList());
        Assert.Contains("in.fq, record 'r1', line 2: ambiguity code 'W' at column 5", e.Message);

        // A real GenBank record (human mitochondrion) with one base of its ORIGIN changed to 'y'.
        using var gz = new GZipStream(File.OpenRead(RepoData.Data("genomes/human_mito_NC_001807.gbk.gz")), CompressionMode.Decompress);
        var lines = new StreamReader(gz).ReadToEnd().Split('\n');
        int origin = Array.FindIndex(lines, l => l.StartsWith("ORIGIN", StringComparison.Ordinal)) + 1;
        int column = lines[origin].IndexOfAny(['a', 'c', 'g', 't']);
        lines[origin] = lines[origin][..column] + "y" + lines[origin][(column + 1)..];
        var text = string.Join('\n', lines);
        var record = GenBankReader.Read(new StringReader(text), "mito.gbk").Single();
        Assert.Equal(1, record.AmbiguousBases);
        Assert.Equal('N', record.Sequence[0]);
        var strict = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(text), "mito.gbk", SequenceReadOptions.StrictBases).ToList());
        Assert.Contains($"line {origin + 1}: ambiguity code 'y' at column {column + 1}", strict.Message);
    }

    [Fact]
    public void TaskFilesCountOrRefuseAmbiguityCodes()
    {
        const string csv = "sequence,label\nACGTRY,1\nACGT,0\n";
        var rows = GueCsv.Read(new StringReader(csv), "train.csv");
        Assert.Equal("ACGTNN", rows[0].Sequence);
        Assert.Equal(2, rows[0].AmbiguousBases);
        Assert.Equal(0, rows[1].AmbiguousBases);
        var e = Assert.Throws<SequenceFormatException>(() => GueCsv.Read(new StringReader(csv), "train.csv", SequenceReadOptions.StrictBases));
        Assert.Contains("train.csv, line 2: ambiguity code 'R' at column 5", e.Message);
    }
}
