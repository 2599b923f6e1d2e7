using VqDna.Training.Engine;

namespace VqDna.Tests.Training.Engine;

/// <summary>
/// Reverse-complement augmentation (`--rc-augment`): off, the rows and batches are exactly the unaugmented ones; on, the
/// split is addressed doubled (row i reversed is i + n), about half the rows of a batch are read reversed, and a batch's
/// strands depend only on (seed, batch), so a resumed run draws the same ones.
/// </summary>
public sealed class StrandAugmentationTests
{
    private static readonly string[] Rows = ["AACGT", "GGGTN", "TTAC"];

    [Fact]
    public void OffChangesNothing()
    {
        var off = new StrandAugmentation(Rows.Length, seed: 7, enabled: false);
        Assert.Same(Rows, off.Sequences(Rows));
        int[] batch = [2, 0, 1];
        Assert.Same(batch, off.Pick(5, batch));
    }

    [Fact]
    public void OnAddsTheReverseComplementsAndReadsAboutHalfTheRowsReversed()
    {
        var on = new StrandAugmentation(Rows.Length, seed: 7, enabled: true);
        Assert.Equal(["AACGT", "GGGTN", "TTAC", "ACGTT", "NACCC", "GTAA"], on.Sequences(Rows));
        Assert.Throws<ArgumentException>(() => on.Sequences(["ACGT"]));

        var rows = Enumerable.Range(0, 1000).Select(i => i % Rows.Length).ToList();
        var picked = on.Pick(3, rows);
        for (int k = 0; k < rows.Count; k++) Assert.True(picked[k] == rows[k] || picked[k] == rows[k] + Rows.Length);
        int reversed = picked.Count(i => i >= Rows.Length);
        Assert.InRange(reversed, 430, 570);                                                    // binomial(1000, ½): ±4.4σ

        Assert.Equal(picked, new StrandAugmentation(Rows.Length, seed: 7, enabled: true).Pick(3, rows));   // resume draws the same
        Assert.NotEqual(picked, on.Pick(4, rows));                                             // a fresh draw per batch
        Assert.NotEqual(picked, new StrandAugmentation(Rows.Length, seed: 8, enabled: true).Pick(3, rows));
    }
}
