using VqDna.Models.Baselines;

namespace VqDna.Tests.Models.Baselines;

public sealed class KmerFrequenciesTests
{
    [Fact]
    public void CountsOverlappingKmersAsFrequencies()
    {
        // ACGTA has the 2-mers AC, CG, GT, TA: a quarter each.
        var row = new float[16];
        KmerFrequencies.Fill("ACGTA", 2, row);
        Assert.Equal(0.25f, row[KmerFrequencies.IndexOf("AC")]);
        Assert.Equal(0.25f, row[KmerFrequencies.IndexOf("CG")]);
        Assert.Equal(0.25f, row[KmerFrequencies.IndexOf("GT")]);
        Assert.Equal(0.25f, row[KmerFrequencies.IndexOf("TA")]);
        Assert.Equal(1f, row.Sum(), 6);
        Assert.Equal(4 * 1 + 1, KmerFrequencies.IndexOf("CC"));                // base 4, first base most significant
    }

    [Fact]
    public void SkipsEveryKmerThatTouchesAnN()
    {
        // AACNGTT: the 3-mers AAC and GTT; ACN, CNG, NGT are skipped.
        var row = new float[64];
        KmerFrequencies.Fill("AACNGTT", 3, row);
        Assert.Equal(0.5f, row[KmerFrequencies.IndexOf("AAC")]);
        Assert.Equal(0.5f, row[KmerFrequencies.IndexOf("GTT")]);
        Assert.Equal(2, row.Count(v => v > 0));
        // No complete k-mer: all zeros, not NaN.
        KmerFrequencies.Fill("ANNA", 2, row.AsSpan(0, 16));
        Assert.All(row.Take(16), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RefusesSizesOutsideTheRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KmerFrequencies.Dimension(0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KmerFrequencies.Dimension(9));
        Assert.Contains("1..8", e.Message);
    }
}
