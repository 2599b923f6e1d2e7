using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;

namespace VqDna.Tests.Tokenizers;

public sealed class TokenizerFileTests
{
    public static TheoryData<string> Kinds => ["char", "kmer3", "kmer6", "nt6", "bpe"];

    private static ITokenizer Create(string kind) => kind switch
    {
        "char" => new CharTokenizer(),
        "kmer3" => new KmerTokenizer(3),
        "kmer6" => new KmerTokenizer(6),
        "nt6" => new NonOverlappingKmerTokenizer(6),
        _ => new BpeTrainer(new BpeTrainerConfig(VocabSize: 300)).TrainTokenizer(RealCorpus.Lines(20_000)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveThenLoadGivesTheSameTokenizer(string kind)
    {
        using var temp = RepoData.NewTempFolder();
        var tokenizer = Create(kind);
        tokenizer.Save(temp.File(TokenizerFile.FileName));
        var loaded = TokenizerFile.Load(temp.Path);
        Assert.Equal(tokenizer.GetType(), loaded.GetType());
        Assert.Equal(tokenizer.VocabSize, loaded.VocabSize);
        Assert.Equal(tokenizer.Special, loaded.Special);
        foreach (var line in RealCorpus.Lines(5_000))
            Assert.Equal(tokenizer.Encode(line), loaded.Encode(line));
    }

    [Theory]
    [InlineData("""{"type": "wordpiece", "version": 1, "special_tokens": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]}""", "unknown tokenizer type 'wordpiece'")]
    [InlineData("""{"type": "kmer", "version": 1, "k": 9, "vocab_size": 10, "special_tokens": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]}""", "k must be in 3..6")]
    [InlineData("""{"type": "kmer", "version": 1, "k": 3, "vocab_size": 70, "special_tokens": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]}""", "vocab_size 70 does not match")]
    [InlineData("""{"type": "char", "version": 2, "special_tokens": []}""", "version 2 is not supported")]
    [InlineData("""{"type": "char", "version": 1, "vocab_size": 10, "special_tokens": ["[PAD]"]}""", "special_tokens")]
    [InlineData("""{"version": 1}""", "no \"type\" field")]
    [InlineData("""{"type": "char",""", "not valid JSON")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"A": 0}, "merges": []}}""", "token '[PAD]' is not in the vocabulary")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"A": 0, "C": 5}, "merges": []}}""", "ids must be 0..1")]
    public void BadFilesAreRejectedNamingTheFile(string json, string problem)
    {
        using var temp = RepoData.NewTempFolder();
        var path = temp.File("tokenizer.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InvalidDataException>(() => TokenizerFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }
}
