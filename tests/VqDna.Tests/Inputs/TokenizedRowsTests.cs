using VqDna.Inputs;
using VqDna.Sequences.Readers;
using VqDna.Tests.Models.Tokenizer;

namespace VqDna.Tests.Inputs;

/// <summary>Fine-tuning tokenizes each row of a split once with a frozen learned tokenizer (issue 16, point 3).</summary>
[Collection("serial")]
public sealed class TokenizedRowsTests(TrainedTinyTokenizer trained) : IClassFixture<TrainedTinyTokenizer>
{
    private static List<string> Rows()
    {
        var genome = SequenceFile.Read(RepoData.Data("genomes/human_chr20_1000000_300kb.fa.gz")).Single().Sequence;
        return Enumerable.Range(0, 12).Select(i => genome.Substring(1_000 + i * 977, 60 + 13 * i)).ToList();
    }

    [Fact]
    public void KeptRowsAreTheTokensOfAFreshRunAndEachRowIsTokenizedOnce()
    {
        var rows = Rows();
        using var inputs = new CodeVectorInputs(trained.Load());
        var split = new TokenizedRows(inputs, rows, budgetBytes: 1L << 30);
        Assert.True(split.Keeps);
        int[][] batches = [[3, 0, 7], [7, 11, 3, 5], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [11, 3]];
        foreach (var batch in batches)
        {
            var got = split.Get(batch);
            var fresh = inputs.Tokenize(batch.Select(i => rows[i]).ToList());
            for (int k = 0; k < batch.Length; k++)
            {
                Assert.Equal(fresh[k].Length, got[k].Length);
                Assert.Equal(fresh[k].Vectors, got[k].Vectors);
                for (int level = 0; level < fresh[k].Codes!.Length; level++) Assert.Equal(fresh[k].Codes![level], got[k].Codes![level]);
            }
        }
        Assert.Equal(rows.Count, split.Tokenized);
    }

    [Fact]
    public void ASplitOverItsBudgetIsTokenizedPerBatchEveryTime()
    {
        var rows = Rows();
        using var inputs = new CodeVectorInputs(trained.Load());
        var split = new TokenizedRows(inputs, rows, budgetBytes: 1_000);
        Assert.False(split.Keeps);
        Assert.True(split.EstimatedBytes > 1_000);
        split.Range(0, 6);
        split.Range(0, 6);
        Assert.Equal(12, split.Tokenized);
        Assert.Equal(inputs.Tokenize([rows[4]])[0].Vectors, split.Get([4])[0].Vectors);
    }
}
