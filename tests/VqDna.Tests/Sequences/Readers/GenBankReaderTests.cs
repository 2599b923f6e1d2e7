using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Tests.Sequences.Readers;

public sealed class GenBankReaderTests
{
    private static readonly Lazy<SequenceRecord> Ecoli = new(() =>
        Assert.Single(SequenceFile.Read(RepoData.Data("genomes/ecoli_k12_NC_000913_200kb.gbk.gz"))));

    [Fact]
    public void ReadsRecordHeaderAndSequence()
    {
        var record = Ecoli.Value;
        Assert.Equal("NC_000913.2", record.Id);
        Assert.Equal("Escherichia coli K12, complete genome.", record.Description);
        Assert.Equal(200_000, record.Length);
        Assert.StartsWith("AGCTTTTCATTCTGACTGCAACGGGCAATATGTC", record.Sequence);
    }

    [Fact]
    public void CdsFeaturesTranslateFromStartToStopOnBothStrands()
    {
        var cds = Ecoli.Value.Features.Where(f => f.Kind == "CDS").ToList();
        Assert.Equal(177, cds.Count);
        Assert.Contains(cds, f => f.Strand == Strand.Reverse);
        Assert.Contains(cds, f => f.Strand == Strand.Forward);
        var thrL = cds.First();
        Assert.Equal(("thrL", 189, 255), (thrL.Name, thrL.Start, thrL.End));
        // Real CDS: a whole number of codons, a start codon first and a stop codon last.
        int good = cds.Count(f =>
        {
            var s = f.Extract(Ecoli.Value.Sequence);
            return s.Length % 3 == 0 && s[..3] is "ATG" or "GTG" or "TTG" && s[^3..] is "TAA" or "TAG" or "TGA";
        });
        Assert.True(good >= cds.Count * 0.97, $"{good} of {cds.Count} CDS look like genes");
    }

    [Fact]
    public void ReverseStrandMitochondrialGeneIsReverseComplemented()
    {
        var mito = Assert.Single(SequenceFile.Read(RepoData.Data("genomes/human_mito_NC_001807.gbk.gz")));
        Assert.Equal(16_571, mito.Length);
        var nd6 = Assert.Single(mito.Features, f => f.Kind == "CDS" && f.Name == "ND6");
        Assert.Equal(Strand.Reverse, nd6.Strand);
        Assert.StartsWith("ATG", nd6.Extract(mito.Sequence));
    }

    private const string Template = """
        LOCUS       TEST                      24 bp    DNA     linear   BCT 01-JAN-2000
        DEFINITION  A tiny record for
                    location tests.
        VERSION     TEST.1
        FEATURES             Location/Qualifiers
             CDS             join(1..3,
                             10..12)
                             /gene="spliced"
                             /product="a product that wraps
                             over two lines"
             CDS             complement(join(4..6,13..15))
                             /locus_tag="rev"
             misc_feature    <1..>2
             misc_feature    order(7,8^9)
             misc_feature    OTHER.1:1..5
        ORIGIN
                1 atgaaacccg ggtttaaacc cggg
        //

        """;

    [Fact]
    public void ParsesJoinComplementAndPartialLocations()
    {
        var record = Assert.Single(GenBankReader.Read(new StringReader(Template), "tiny.gbk"));
        Assert.Equal("TEST.1", record.Id);
        Assert.Equal("A tiny record for location tests.", record.Description);
        Assert.Equal(4, record.Features.Count); // the remote OTHER.1 location is skipped
        var spliced = record.Features[0];
        Assert.Equal("spliced", spliced.Name);
        Assert.Equal("a product that wraps over two lines", spliced.Product);
        Assert.Equal([new FeatureSegment(0, 3, Strand.Forward), new FeatureSegment(9, 12, Strand.Forward)], spliced.Segments);
        Assert.Equal("ATGGGG", spliced.Extract(record.Sequence));
        var rev = record.Features[1];
        Assert.Equal(Strand.Reverse, rev.Strand);
        Assert.Equal("rev", rev.Name);
        Assert.Equal(12, rev.Segments[0].Start); // transcription order: 13..15 first
        Assert.Equal(Nucleotides.ReverseComplement("AAA" + "TTT"), rev.Extract(record.Sequence));
        Assert.Equal(new FeatureSegment(0, 2, Strand.Forward), Assert.Single(record.Features[2].Segments));
        Assert.Equal(2, record.Features[3].Segments.Count);
    }

    [Fact]
    public void InvalidBaseNamesRecordAndLine()
    {
        var bad = Template.Replace("atgaaacccg", "atgaaxcccg");
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Equal("TEST.1", e.RecordId);
        Assert.Equal(17, e.LineNumber);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void BadLocationNamesTheFeatureLine()
    {
        var bad = Template.Replace("complement(join(4..6,13..15))", "complement(join(4..6,13..15)");
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Equal(11, e.LineNumber);
        Assert.Contains("bad location", e.Message);
    }

    [Fact]
    public void FeatureBeyondTheSequenceIsAnError()
    {
        var bad = Template.Replace("<1..>2", "1..99");
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Contains("beyond the 24 bp sequence", e.Message);
    }

    [Fact]
    public void MissingTerminatorIsAnError()
    {
        var bad = Template.Replace("//", "");
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Contains("missing '//'", e.Message);
    }

    [Fact]
    public void AHugeBadLocationIsQuotedShort()
    {
        // Issue 19: a 1.2 MB location was echoed whole into its error.
        var huge = "join(" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{i + 1}..{i + 2}")) + ",x)";
        var bad = Template.Replace("complement(join(4..6,13..15))", huge);
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Contains("more characters)", e.Message);
        Assert.True(e.Message.Length < 1000, $"the message is {e.Message.Length} characters long");
    }

    [Fact]
    public void DeeplyNestedLocationIsAnErrorNotAStackOverflow()
    {
        // Before the depth limit this recursed once per level and killed the process (stack overflow).
        const int depth = 100_000;
        var nested = string.Concat(Enumerable.Repeat("complement(", depth)) + "4..6" + new string(')', depth);
        var bad = Template.Replace("complement(join(4..6,13..15))", nested);
        var e = Assert.Throws<SequenceFormatException>(() => GenBankReader.Read(new StringReader(bad), "tiny.gbk").ToList());
        Assert.Contains($"nest more than {GenBankLocation.MaxDepth} deep", e.Message);

        // Real depths still read.
        var ok = Template.Replace("complement(join(4..6,13..15))", "complement(complement(complement(join(4..6,13..15))))");
        Assert.Single(GenBankReader.Read(new StringReader(ok), "tiny.gbk"));
    }
}
