using VqDna.Tokenizers.Bpe;

namespace VqDna.Tests.Tokenizers.Bpe;

/// <summary>
/// Our BPE against the reference, Hugging Face `tokenizers` (npm, run by node): the same merges
/// from its trainer on the same real corpus, and the same ids from its encoder loaded with our
/// tokenizer.json. Needs node and npm; when they or the package are missing the test fails
/// with the reason — it never passes without comparing.
/// </summary>
public sealed class HuggingFaceEquivalenceTests
{
    private static HuggingFaceReference Reference()
    {
        var reference = HuggingFaceReference.TryCreate(out string reason);
        Assert.True(reference is not null, $"the Hugging Face reference cannot run: {reason}");
        return reference!;
    }

    [Fact]
    public void TrainerLearnsTheSameMergesAsHuggingFace()
    {
        var hf = Reference();
        using var temp = RepoData.NewTempFolder();
        var lines = RealCorpus.Lines(60_000);
        File.WriteAllText(temp.File("corpus.txt"), string.Join('\n', lines) + "\n");
        hf.Run("train", temp.File("corpus.txt"), temp.File("hf.json"));
        var expected = BpeVocabulary.Load(temp.File("hf.json"));

        // The node binding trains with HF's defaults only: vocabulary 30000, no special tokens.
        var ours = new BpeTrainer(new BpeTrainerConfig(VocabSize: 30000, IncludeSpecialTokens: false)).Train(lines);
        Assert.True(expected.Merges.Count > 20_000, $"reference learned only {expected.Merges.Count} merges");
        Assert.Equal("", HuggingFaceReference.FirstDifference(expected.Merges, ours.Merges));
        Assert.Equal(expected.Tokens, ours.Tokens);
    }

    [Fact]
    public void EncoderGivesTheSameIdsAsHuggingFace()
    {
        var hf = Reference();
        using var temp = RepoData.NewTempFolder();
        var tokenizer = new BpeTrainer(new BpeTrainerConfig(VocabSize: 4096)).TrainTokenizer(RealCorpus.Lines(60_000));
        tokenizer.Save(temp.File("tokenizer.json"));
        // Encode other windows than the training ones, plus edge cases: N, short, homopolymer runs.
        var lines = RealCorpus.Lines(120_000).Skip(100).Concat(["A", "AAAAAAAAAAAAAAAAAAAAAAAAA", "ACGTNNNNACGT", "NNNN", "GATTACA"]).ToList();
        File.WriteAllText(temp.File("lines.txt"), string.Join('\n', lines) + "\n");
        hf.Run("encode", temp.File("tokenizer.json"), temp.File("lines.txt"), temp.File("ids.txt"));
        var expected = File.ReadAllLines(temp.File("ids.txt"));
        Assert.Equal(lines.Count, expected.Length);
        for (int i = 0; i < lines.Count; i++)
            Assert.True(expected[i] == string.Join(' ', tokenizer.Encode(lines[i])), $"line {i} ('{lines[i][..Math.Min(30, lines[i].Length)]}…') differs from Hugging Face");
    }
}
