using VqDna.Inputs;

namespace VqDna.Tests.Inputs;

public sealed class TokenizerSpecTests
{
    [Theory]
    [InlineData("char", "char")]
    [InlineData("kmer3", "kmer3")]
    [InlineData("kmer6", "kmer6")]
    [InlineData("6mer", "6mer")]
    [InlineData("bpe", "bpe")]
    [InlineData("bpe:512", "bpe512")]
    public void NamesParseToTheirTableLabels(string text, string name) => Assert.Equal(name, TokenizerSpec.Parse(text).Name);

    [Theory]
    [InlineData("kmer9", "k must be 3 to 6")]
    [InlineData("bpe:3", "BPE vocabulary")]
    [InlineData("wordpiece", "expected char | kmer3..kmer6")]
    public void BadNamesSayWhatIsExpected(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => TokenizerSpec.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ABpeTokenizerIsTrainedOnTheGivenText()
    {
        var text = VqDna.Sequences.Readers.SequenceFile.Read(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")).First().Sequence;
        using var inputs = TokenizerSpec.Parse("bpe:300").Build(() => [text]);
        Assert.Equal(300, inputs.Spec.VocabSize);
        var tokens = inputs.Tokenize([text[..1000]])[0];
        Assert.True(tokens.Length < 500, $"{tokens.Length} tokens for 1000 nt");
    }
}
