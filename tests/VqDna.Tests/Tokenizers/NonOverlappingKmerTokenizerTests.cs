using VqDna.Tokenizers;

namespace VqDna.Tests.Tokenizers;

public sealed class NonOverlappingKmerTokenizerTests
{
    private readonly NonOverlappingKmerTokenizer _tokenizer = new();

    private string[] Tokens(string s) => [.. _tokenizer.Encode(s).Select(_tokenizer.IdToToken)];

    [Fact]
    public void SixMersThenSingleBaseTail() =>
        Assert.Equal(["ACGTAC", "GTACGT", "A", "C"], Tokens("ACGTACGTACGTAC"));

    [Fact]
    public void NBreaksTheRunAndRestartsTheFrame() =>
        // As Nucleotide Transformer: bases before N fall back to singles, the frame restarts after N.
        Assert.Equal(["A", "C", "G", "T", "A", "N", "ACGTAC", "G"], Tokens("ACGTANACGTACG"));

    [Fact]
    public void VocabularyHoldsKmersAndSingles()
    {
        Assert.Equal(5 + 4096 + 5, _tokenizer.VocabSize);
        Assert.Equal("N", _tokenizer.IdToToken(_tokenizer.VocabSize - 1));
    }

    [Fact]
    public void RoundTripsRealSequencesIncludingN()
    {
        foreach (var line in RealCorpus.Lines(20_000).Append("NNNNACGTNNACGTACGTTN"))
            Assert.Equal(line, _tokenizer.Decode(_tokenizer.Encode(line)));
    }

    [Fact]
    public void CompressesAboutSixfold()
    {
        var lines = RealCorpus.Lines(20_000);
        double ratio = lines.Sum(l => l.Length) / (double)lines.Sum(l => _tokenizer.Encode(l).Length);
        Assert.InRange(ratio, 5.5, 6.0);
    }
}
