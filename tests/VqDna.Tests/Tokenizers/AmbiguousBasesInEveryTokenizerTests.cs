using VqDna.Models.Tokenizer;
using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;
using VqDna.Torch;
using VqDna.Tokenizers.Learned;

namespace VqDna.Tests.Tokenizers;

/// <summary>
/// Every tokenizer treats an ambiguity code given to it directly (R, Y, …) exactly as N, which readers
/// already turn them into (issue 7, defect 5): the same ids, and N back where decoding is possible.
/// </summary>
public sealed class AmbiguousBasesInEveryTokenizerTests
{
    private static IEnumerable<ITokenizer> Tokenizers()
    {
        yield return new CharTokenizer();
        yield return new KmerTokenizer(3);
        yield return new KmerTokenizer(6);
        yield return new NonOverlappingKmerTokenizer();
        yield return new BpeTrainer(new BpeTrainerConfig(VocabSize: 40)).TrainTokenizer(["ACGTACGTTTGACNNACGATCGATCGGGCTAGCTAGCATCGACT"]);
        torch.manual_seed(3);
        yield return new LearnedTokenizer(new VqTokenizerModel(VqTokenizerConfig.Tiny(1) with { KMeansInit = false }), window: 256);
    }

    [Fact]
    public void AmbiguityCodesGetTheIdsOfN()
    {
        const string withN = "ACGTACGTNNNNACGTTGCANACGTAC", withCodes = "ACGTACGTRYKMACGTTGCASACGTAC";
        foreach (var tokenizer in Tokenizers())
        {
            var expected = tokenizer.Encode(withN);
            Assert.Equal(expected, tokenizer.Encode(withCodes));
            if (tokenizer.CanDecode) Assert.Equal(tokenizer.Decode(expected), tokenizer.Decode(tokenizer.Encode(withCodes)));
            (tokenizer as IDisposable)?.Dispose();
        }
    }
}
