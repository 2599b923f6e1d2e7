using VqDna.Tokenizers;

namespace VqDna.Tests.Tokenizers;

public sealed class KmerTokenizerTests
{
    [Fact]
    public void OverlappingKmersWithStrideOne()
    {
        var tokenizer = new KmerTokenizer(3);
        var ids = tokenizer.Encode("ACGTA");
        Assert.Equal(["ACG", "CGT", "GTA"], ids.Select(tokenizer.IdToToken));
        Assert.Equal(5 + 0b00_01_10, ids[0]); // A=0 C=1 G=2, first base in the high bits
    }

    [Theory]
    [InlineData(3, 69)]
    [InlineData(4, 261)]
    [InlineData(5, 1029)]
    [InlineData(6, 4101)] // DNABERT-6's vocabulary size
    public void VocabularyIsAllKmersPlusSpecials(int k, int size) => Assert.Equal(size, new KmerTokenizer(k).VocabSize);

    [Fact]
    public void KmersTouchingNAreUnk()
    {
        var tokenizer = new KmerTokenizer(3);
        Assert.Equal(["ACG", "[UNK]", "[UNK]", "[UNK]", "TAC"], tokenizer.Encode("ACGNTAC").Select(tokenizer.IdToToken));
    }

    [Fact]
    public void ShortSequenceGivesNoTokens() => Assert.Empty(new KmerTokenizer(6).Encode("ACGTA"));

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RoundTripsRealSequences(int k)
    {
        var tokenizer = new KmerTokenizer(k);
        foreach (var line in RealCorpus.Lines(10_000))
        {
            var ids = tokenizer.Encode(line);
            Assert.Equal(line.Length - k + 1, ids.Length);
            Assert.Equal(line, tokenizer.Decode(ids));
        }
    }

    [Fact]
    public void DecodeRecoversBasesNextToN() =>
        Assert.Equal("ACGNTAC", new KmerTokenizer(3).Decode(new KmerTokenizer(3).Encode("ACGNTAC")));

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void KOutsideThreeToSixIsRejected(int k) => Assert.Throws<ArgumentOutOfRangeException>(() => new KmerTokenizer(k));
}
