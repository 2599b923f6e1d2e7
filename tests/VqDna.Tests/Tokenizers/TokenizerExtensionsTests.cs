using VqDna.Tokenizers;

namespace VqDna.Tests.Tokenizers;

public sealed class TokenizerExtensionsTests
{
    private readonly CharTokenizer _tokenizer = new();

    [Fact]
    public void PadsToTheLongestRowWithMasks()
    {
        var batch = _tokenizer.EncodeBatch(["ACG", "A"]);
        Assert.Equal((2, 5), (batch.BatchSize, batch.Length));
        Assert.Equal([2, 5, 6, 7, 3], batch.Row(0));
        Assert.Equal([2, 5, 3, 0, 0], batch.Row(1));
        Assert.Equal([1, 1, 1, 0, 0], batch.MaskRow(1));
        Assert.Equal([5, 3], batch.Lengths);
    }

    [Fact]
    public void TruncatesKeepingSep()
    {
        var batch = _tokenizer.EncodeBatch(["ACGTACGT", "AC"], new EncodeOptions(MaxLength: 4, PadTo: Padding.MaxLength));
        Assert.Equal([2, 5, 6, 3], batch.Row(0));
        Assert.Equal([2, 5, 6, 3], batch.Row(1));
    }

    [Fact]
    public void WithoutSpecialTokens()
    {
        var batch = _tokenizer.EncodeBatch(["ACGT"], new EncodeOptions(AddSpecialTokens: false, MaxLength: 6, PadTo: Padding.MaxLength));
        Assert.Equal([5, 6, 7, 8, 0, 0], batch.Row(0));
    }

    [Fact]
    public void TooLongWithoutTruncationNamesTheRow()
    {
        var e = Assert.Throws<ArgumentException>(() => _tokenizer.EncodeBatch(["A", "ACGTACGT"], new EncodeOptions(MaxLength: 4, Truncate: false)));
        Assert.Contains("sequence 1 encodes to 10 tokens", e.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.EncodeBatch(["A"], new EncodeOptions(MaxLength: 2)));
        Assert.Throws<ArgumentException>(() => _tokenizer.EncodeBatch(["A"], new EncodeOptions(PadTo: Padding.MaxLength)));
    }
}
