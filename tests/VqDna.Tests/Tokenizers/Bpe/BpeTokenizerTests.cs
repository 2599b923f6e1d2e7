using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;

namespace VqDna.Tests.Tokenizers.Bpe;

public sealed class BpeTokenizerTests
{
    /// <summary>A 1,024-token BPE trained on the real corpus, shared with <see cref="BpeMergerTests"/>.</summary>
    internal static readonly Lazy<BpeTokenizer> Trained = new(() =>
        new BpeTrainer(new BpeTrainerConfig(VocabSize: 1024)).TrainTokenizer(RealCorpus.Lines(30_000)));

    private static BpeTokenizer Tiny(params (string, string)[] merges)
    {
        var tokens = SpecialTokens.Names.Concat(["A", "C", "G", "T"]).Concat(merges.Select(m => m.Item1 + m.Item2)).Distinct().ToList();
        return new BpeTokenizer(new BpeVocabulary(tokens, merges));
    }

    [Fact]
    public void EqualRanksMergeLeftmostFirst()
    {
        var tokenizer = Tiny(("A", "A"));
        Assert.Equal(["AA", "A"], tokenizer.Encode("AAA").Select(tokenizer.IdToToken));
        Assert.Equal(["AA", "AA"], tokenizer.Encode("AAAA").Select(tokenizer.IdToToken));
    }

    [Fact]
    public void LowerRankWinsOverPosition()
    {
        var tokenizer = Tiny(("C", "G"), ("A", "C"));
        Assert.Equal(["A", "CG"], tokenizer.Encode("ACG").Select(tokenizer.IdToToken));
    }

    [Fact]
    public void UnknownCharactersBecomeUnkAndWhitespaceSplitsWords()
    {
        var tokenizer = Tiny(("A", "C"));
        Assert.Equal(["AC", "[UNK]", "A", "C"], tokenizer.Encode("ACN A C").Select(tokenizer.IdToToken));
    }

    [Fact]
    public void AnyWhitespaceRunSeparatesWords()
    {
        var tokenizer = Tiny(("A", "C"));
        // Leading, trailing and repeated separators, tab, newline and a no-break space (char.IsWhiteSpace, as HF's Rust is_whitespace).
        Assert.Equal(["AC", "A", "C", "AC"], tokenizer.Encode(" \tAC\n\nA\u00A0C  AC \r\n").Select(tokenizer.IdToToken));
        Assert.Empty(tokenizer.Encode(" \t\n"));
        Assert.Empty(tokenizer.Encode(""));
    }

    [Fact]
    public void RoundTripsRealSequencesAndCompresses()
    {
        var tokenizer = Trained.Value;
        var lines = RealCorpus.Lines(20_000);
        foreach (var line in lines) Assert.Equal(line, tokenizer.Decode(tokenizer.EncodeWithSpecialTokens(line)));
        double basesPerToken = lines.Sum(l => l.Length) / (double)lines.Sum(l => tokenizer.Encode(l).Length);
        Assert.InRange(basesPerToken, 3.5, 8); // DNABERT-2 reports about 4-5 bases per token at 4096
    }

    [Fact]
    public void MergeResultMissingFromVocabularyIsRejected()
    {
        var tokens = SpecialTokens.Names.Concat(["A", "C"]).ToList();
        var e = Assert.Throws<ArgumentException>(() => new BpeTokenizer(new BpeVocabulary(tokens, [("A", "C")])));
        Assert.Contains("'AC'", e.Message);
    }
}
