using VqDna.Inputs;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers;

namespace VqDna.Tests.Inputs;

public sealed class SpanMaskingTests
{
    private static string Lambda() => SequenceFile.Read(RepoData.Data("genomes/phage_lambda_NC_001416.fa.gz")).First().Sequence[..2000];

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void NoMaskedKmerCanBeReadOffTheTokensLeftVisible(int k)
    {
        var inputs = new TokenIdInputs(new KmerTokenizer(k), $"kmer{k}");
        var tokens = inputs.Tokenize([Lambda()])[0];
        var config = new MaskingConfig();
        for (int seed = 0; seed < 20; seed++)
        {
            var actions = SpanMasking.Choose(tokens.Length, inputs.DefaultMaskSpan, config, new Random(seed));
            // Token t covers nucleotides t..t+k-1. A visible token is one left unmasked or kept as it is.
            bool Visible(int t) => t >= 0 && t < actions.Length && actions[t] is MaskAction.None or MaskAction.Keep;
            for (int t = 0; t < actions.Length; t++)
            {
                if (actions[t] is not (MaskAction.Mask or MaskAction.Random)) continue;
                bool everyBaseShown = Enumerable.Range(t, k).All(n => Enumerable.Range(n - k + 1, k).Any(Visible));
                Assert.False(everyBaseShown, $"k={k} seed {seed}: masked token {t} can be read off its visible neighbours");
            }
        }
    }

    [Fact]
    public void SingleTokenMaskingWouldLeakOverlappingKmers()
    {
        // The property above is not vacuous: with span 1, masked 6-mers are readable from their neighbours.
        var actions = SpanMasking.Choose(500, span: 1, new MaskingConfig(MaskFraction: 1, RandomFraction: 0), new Random(0));
        bool Visible(int t) => t >= 0 && t < actions.Length && actions[t] == MaskAction.None;
        int readable = Enumerable.Range(0, 500).Count(t => actions[t] == MaskAction.Mask
            && Enumerable.Range(t, 6).All(n => Enumerable.Range(n - 5, 6).Any(Visible)));
        Assert.True(readable > 50, $"only {readable} readable");
    }

    [Fact]
    public void AboutAQuarterOfTokensArePredictedWithTheBertSplit()
    {
        var actions = SpanMasking.Choose(100_000, span: 1, new MaskingConfig(), new Random(3));
        double chosen = actions.Count(a => a != MaskAction.None);
        Assert.InRange(chosen / actions.Length, 0.249, 0.251);
        Assert.InRange(actions.Count(a => a == MaskAction.Mask) / chosen, 0.78, 0.82);
        Assert.InRange(actions.Count(a => a == MaskAction.Random) / chosen, 0.08, 0.12);
    }

    [Fact]
    public void LabelsHoldTheTrueTokensOnlyWhereTokensArePredicted()
    {
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        var rows = inputs.Tokenize(["ACGTACGTACGTACGTACGT", "GGGCCC"]);
        var batch = inputs.Batch(rows, new MaskingConfig(Rate: 0.5), new Random(1));
        var ids = batch.Input.InputIds!.ToArray<long>();
        var labels = batch.Labels![0].ToArray<long>();
        var attention = batch.Input.AttentionMask.ToArray<bool>();
        Assert.Equal(2 * 20, ids.Length);
        Assert.Equal(26, attention.Count(a => a));
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 20; i++)
            {
                int at = b * 20 + i;
                if (i >= rows[b].Length) { Assert.Equal(SpecialTokens.Default.Pad, ids[at]); Assert.Equal(-100, labels[at]); continue; }
                if (labels[at] != -100) Assert.Equal(rows[b].Ids![i], labels[at]);
                else Assert.Equal(rows[b].Ids![i], ids[at]);
            }
        Assert.Equal(batch.Predicted, labels.Count(l => l != -100));
    }
}
