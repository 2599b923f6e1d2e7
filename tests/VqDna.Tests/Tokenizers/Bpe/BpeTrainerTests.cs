using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;

namespace VqDna.Tests.Tokenizers.Bpe;

/// <summary>
/// The first two tests are Hugging Face's own trainer tests (tokenizers/src/models/bpe/trainer.rs:
/// test_train and bpe_test_max_token_length_direct_assert), expected values copied from there.
/// </summary>
public sealed class BpeTrainerTests
{
    [Fact]
    public void MatchesHuggingFaceTrainTest()
    {
        string[] words = ["roses", "are are", "red", "voilets", "blue", "BERT", "is is", "big", "and", "so", "GPT-2"];
        var vocabulary = new BpeTrainer(new BpeTrainerConfig(VocabSize: 30000, MinFrequency: 2, IncludeSpecialTokens: false)).Train(words);
        Assert.Equal(
            ["-", "2", "B", "E", "G", "P", "R", "T", "a", "b", "d", "e", "g", "i", "l", "n", "o", "r", "s", "t", "u", "v", "re", "are", "is"],
            vocabulary.Tokens);
        Assert.Equal([("r", "e"), ("a", "re"), ("i", "s")], vocabulary.Merges);
    }

    [Fact]
    public void MatchesHuggingFaceMaxTokenLengthTest()
    {
        string[] words = ["sin", "Sin", "Lon", "Ano", "짧은한", "긴한글", "短字符", "长字符", "短い文", "長い文", "so", "GP"];
        var vocabulary = new BpeTrainer(new BpeTrainerConfig(VocabSize: 30000, IncludeSpecialTokens: false, MaxTokenLength: 2))
            .Train(words.Concat(words));
        var expected = new Dictionary<string, int>
        {
            ["短"] = 12, ["n"] = 6, ["i"] = 5, ["s"] = 8, ["字符"] = 23, ["長"] = 14, ["긴"] = 17, ["い文"] = 22, ["L"] = 2, ["in"] = 21,
            ["o"] = 7, ["은한"] = 29, ["S"] = 4, ["P"] = 3, ["so"] = 27, ["符"] = 13, ["文"] = 11, ["字"] = 10, ["짧"] = 19, ["GP"] = 25,
            ["글"] = 16, ["G"] = 1, ["An"] = 24, ["长"] = 15, ["A"] = 0, ["Lo"] = 26, ["긴한"] = 28, ["い"] = 9, ["한"] = 20, ["은"] = 18,
        };
        Assert.Equal(expected.OrderBy(p => p.Value).Select(p => p.Key), vocabulary.Tokens);
    }

    [Fact]
    public void SpecialTokensComeFirstThenTheAlphabet()
    {
        var tokenizer = new BpeTrainer(new BpeTrainerConfig(VocabSize: 64)).TrainTokenizer(RealCorpus.Lines(5_000));
        Assert.Equal(64, tokenizer.VocabSize);
        Assert.Equal(SpecialTokens.Default, tokenizer.Special);
        Assert.Equal(["A", "C", "G", "T"], Enumerable.Range(5, 4).Select(tokenizer.IdToToken));
    }

    [Fact]
    public void DefaultsAreDnabert2s() => Assert.Equal(4096, BpeTrainerConfig.Dnabert2.VocabSize);

    [Fact]
    public void StopsWhenPairsRunOut()
    {
        var vocabulary = new BpeTrainer(new BpeTrainerConfig(VocabSize: 1000, IncludeSpecialTokens: false)).Train(["ACGT"]);
        Assert.Equal(["A", "C", "G", "T", "AC", "GT", "ACGT"], vocabulary.Tokens);
    }

    [Fact]
    public void InvalidSettingsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpeTrainer(new BpeTrainerConfig(VocabSize: 0)).Train(["A"]));
}
