using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;

namespace VqDna.Tests.Tokenizers.Bpe;

/// <summary>
/// The rank-bucket queue against the binary heap it replaces (HF's order by rank, then
/// position), on real DNA and on the repeats where overlapping pairs make the order matter.
/// </summary>
public sealed class BpeMergerTests
{
    private static (BpeMerger Buckets, BpeMerger Heap, Dictionary<string, int> Ids) Mergers(BpeVocabulary vocabulary)
    {
        var ids = vocabulary.Tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var merges = vocabulary.Merges.Select(m => (ids[m.Left], ids[m.Right])).ToArray();
        var result = vocabulary.Merges.Select(m => ids[m.Left + m.Right]).ToArray();
        return (new BpeMerger(merges, result), new BpeMerger(merges, result, useRankOrder: false), ids);
    }

    private static int[] Merge(BpeMerger merger, Dictionary<string, int> ids, string word)
    {
        var symbols = word.Select(c => ids[c.ToString()]).ToArray();
        return symbols[..merger.Merge(symbols)];
    }

    [Fact]
    public void BucketsMergeInTheHeapsOrderOnRealDnaAndRepeats()
    {
        var (buckets, heap, ids) = Mergers(BpeTokenizerTests.Trained.Value.Vocabulary);
        Assert.True(buckets.RanksIncrease, "a trained vocabulary should take the bucket queue");
        Assert.False(heap.RanksIncrease);
        var random = new Random(7);
        var words = RealCorpus.Lines(5_000).Concat(
        [
            "A", "AC", new string('A', 999), new string('T', 64), string.Concat(Enumerable.Repeat("AT", 300)),
            string.Concat(Enumerable.Repeat("GATC", 200)), string.Concat(Enumerable.Repeat("AAT", 150)),
            new string(Enumerable.Range(0, 3000).Select(_ => "ACGT"[random.Next(4)]).ToArray()),
        ]);
        foreach (var word in words)
            Assert.True(Merge(heap, ids, word).SequenceEqual(Merge(buckets, ids, word)), $"'{word[..Math.Min(30, word.Length)]}…' ({word.Length} bp) merges differently");
    }

    [Fact]
    public void MergeListedBeforeItsTokenIsMadeFallsBackToTheHeap()
    {
        // Rank 0 joins A with CG, which only rank 1 makes: after rank 1, rank 0 applies again.
        var tokens = SpecialTokens.Names.Concat(["A", "C", "G", "T", "ACG", "CG"]).ToList();
        var vocabulary = new BpeVocabulary(tokens, [("A", "CG"), ("C", "G")]);
        var (merger, _, _) = Mergers(vocabulary);
        Assert.False(merger.RanksIncrease);
        var tokenizer = new BpeTokenizer(vocabulary);
        Assert.Equal(["ACG", "T", "CG", "ACG"], tokenizer.Encode("ACGTCGACG").Select(tokenizer.IdToToken));
    }
}
