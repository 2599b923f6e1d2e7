using VqDna.Analysis.Variants;

namespace VqDna.Tests.Analysis.Variants;

public sealed class ProjectionTests
{
    /// <summary>Four points (±2, 0), (0, ±1) rotated by 30°: variances 8/3 and 2/3 along (cos 30°, sin 30°) and its normal.</summary>
    private static double[,] Cross()
    {
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        double[][] points = [[2, 0], [-2, 0], [0, 1], [0, -1]];
        var data = new double[4, 2];
        for (int i = 0; i < 4; i++)
        {
            data[i, 0] = c * points[i][0] - s * points[i][1] + 5;                           // shifted: PCA must centre
            data[i, 1] = s * points[i][0] + c * points[i][1] - 3;
        }
        return data;
    }

    [Fact]
    public void PcaFindsTheKnownAxesAndVariances()
    {
        var pca = Pca.Fit(Cross(), 2);
        Assert.Equal(8.0 / 3, pca.Variance[0], 9);
        Assert.Equal(2.0 / 3, pca.Variance[1], 9);
        Assert.Equal(0.8, pca.ExplainedRatio[0], 9);
        Assert.Equal(Math.Cos(Math.PI / 6), pca.Components[0, 0], 6);                     // sign fixed: largest loading positive
        Assert.Equal(Math.Sin(Math.PI / 6), pca.Components[0, 1], 6);
        Assert.Equal(2, pca.Scores[0, 0], 6);
        Assert.Equal(-2, pca.Scores[1, 0], 6);
        Assert.Equal(0, pca.Scores[2, 0], 6);
        Assert.Equal(1, Math.Abs(pca.Scores[2, 1]), 6);
    }

    [Fact]
    public void PcaOfWideDataGoesThroughTheGramMatrixAndAgrees()
    {
        var narrow = Cross();
        var wide = new double[4, 9];                                                    // d = 9 > n = 4: the Gram path
        for (int i = 0; i < 4; i++) { wide[i, 0] = narrow[i, 0]; wide[i, 1] = narrow[i, 1]; wide[i, 5] = 1; }
        var a = Pca.Fit(narrow, 2);
        var b = Pca.Fit(wide, 2);
        Assert.Equal(a.Variance[0], b.Variance[0], 9);
        Assert.Equal(a.Variance[1], b.Variance[1], 9);
        for (int i = 0; i < 4; i++) Assert.Equal(a.Scores[i, 0], b.Scores[i, 0], 6);
        Assert.Equal(a.Components[0, 0], b.Components[0, 0], 6);
        Assert.Equal(0, b.Components[0, 5], 9);
    }

    [Fact]
    public void SilhouetteOfKnownClusters()
    {
        double[,] points = { { 0 }, { 1 }, { 10 }, { 11 } };
        // Point 0: a = 1, b = (10 + 11)/2; point 1: a = 1, b = (9 + 10)/2; the other two mirror them.
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        Assert.Equal(expected, Silhouette.Score(points, [0, 0, 1, 1]), 12);
        // A point alone in its cluster scores 0 (scikit-learn's convention).
        double[,] three = { { 0 }, { 1 }, { 10 } };
        Assert.Equal((9.0 / 10 + 8.0 / 9 + 0) / 3, Silhouette.Score(three, [0, 0, 1]), 12);
        Assert.Throws<ArgumentException>(() => Silhouette.Score(points, [0, 0, 0, 0]));
    }

    [Fact]
    public void TsneSeparatesClustersDeterministically()
    {
        var random = new Random(5);
        int perCluster = 25, dims = 10;
        var data = new double[3 * perCluster, dims];
        var labels = new int[3 * perCluster];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < perCluster; i++)
            {
                int row = c * perCluster + i;
                labels[row] = c;
                for (int j = 0; j < dims; j++) data[row, j] = (j == c ? 10 : 0) + random.NextDouble();
            }
        var settings = new Tsne.Settings(Perplexity: 10);                          // 1,000 steps: after 250 exaggerated ones the clusters still overlap (as in a NumPy transcription)
        var y = Tsne.Fit(data, settings);
        Assert.All(y.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.True(Silhouette.Score(y, labels) > 0.8, $"t-SNE silhouette {Silhouette.Score(y, labels):F3}");
        Assert.Equal(y.Cast<double>(), Tsne.Fit(data, settings).Cast<double>());
    }
}
