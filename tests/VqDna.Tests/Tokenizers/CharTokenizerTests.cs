using VqDna.Tokenizers;

namespace VqDna.Tests.Tokenizers;

public sealed class CharTokenizerTests
{
    private readonly CharTokenizer _tokenizer = new();

    [Fact]
    public void OneIdPerBaseAfterTheSpecialTokens()
    {
        Assert.Equal(10, _tokenizer.VocabSize);
        Assert.Equal([5, 6, 7, 8, 9], _tokenizer.Encode("ACGTN"));
        Assert.Equal("[MASK]", _tokenizer.IdToToken(4));
    }

    [Fact]
    public void UnknownCharacterBecomesUnk() => Assert.Equal([5, 1], _tokenizer.Encode("Ax"));

    [Fact]
    public void RoundTripsRealSequences()
    {
        foreach (var line in RealCorpus.Lines(20_000))
            Assert.Equal(line, _tokenizer.Decode(_tokenizer.EncodeWithSpecialTokens(line)));
    }

    [Fact]
    public void DecodeRejectsIdsOutsideTheVocabulary() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([5, 10]));
}
