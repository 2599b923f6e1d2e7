using VqDna.Sequences.Readers;

namespace VqDna.Tests.Models.Tokenizer;

/// <summary>
/// Codes must not depend on the window length or the batch size (issue 7, defect 9: `--window 64` or
/// `--batch 1` changed 1 of 58,956 level-2 codes, a near-tie between two codes decided differently when
/// distances were summed in another order).
/// </summary>
[Collection("serial")]
public sealed class WindowIndependenceTests(TrainedTinyTokenizer trained) : IClassFixture<TrainedTinyTokenizer>
{
    [Fact]
    public void CodesOfARealGenomeAreTheSameForEveryWindowAndBatch()
    {
        var sequence = SequenceFile.Read(RepoData.Data("genomes/human_chr20_1000000_300kb.fa.gz")).Single().Sequence;
        using var reference = trained.Load(window: 4096, batchSize: 32);
        var expected = reference.Encode(sequence);
        foreach (var (window, batch) in new[] { (64, 32), (4096, 1), (1000, 7) })
        {
            using var other = trained.Load(window, batch);
            var codes = other.Encode(sequence);
            for (int level = 0; level < expected.Length; level++)
            {
                int differ = expected[level].Zip(codes[level]).Count(p => p.First != p.Second);
                Assert.True(differ == 0, $"window {window}, batch {batch}: {differ} of {sequence.Length} level-{level + 1} codes differ");
            }
        }
    }
}
