using VqDna.Torch;

namespace VqDna.Analysis.Variants;

/// <summary>
/// The silhouette score (Rousseeuw 1987) with Euclidean distances: per point s = (b − a) / max(a, b), a the mean
/// distance to the other members of its cluster, b the smallest mean distance to another cluster; 0 for a point
/// alone in its cluster (scikit-learn's convention); the score is the mean over points. Range −1..1: near 1 when
/// clusters are tight and apart, near 0 when they overlap.
/// </summary>
public static class Silhouette
{
    /// <summary>Mean silhouette of <paramref name="data"/> (n × d) under <paramref name="labels"/> (n, at least two distinct).</summary>
    public static double Score(double[,] data, IReadOnlyList<int> labels)
    {
        int n = data.GetLength(0), d = data.GetLength(1);
        if (labels.Count != n) throw new ArgumentException($"{labels.Count} labels for {n} points", nameof(labels));
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2 || classes.Length >= n) throw new ArgumentException($"the silhouette needs 2..n−1 clusters, got {classes.Length} for {n} points", nameof(labels));
        double[] distances;
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.tensor(Pca.Flatten(data), [n, d]);
            distances = torch.cdist(x, x).ToArray<double>();                          // (n, n)
        }
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var sizes = new int[classes.Length];
        foreach (var l in labels) sizes[index[l]]++;
        double total = 0;
        var sums = new double[classes.Length];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (int j = 0; j < n; j++) if (j != i) sums[index[labels[j]]] += distances[(long)i * n + j];
            int own = index[labels[i]];
            if (sizes[own] == 1) continue;                                            // s = 0
            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < classes.Length; c++) if (c != own) b = Math.Min(b, sums[c] / sizes[c]);
            double m = Math.Max(a, b);
            total += m == 0 ? 0 : (b - a) / m;
        }
        return total / n;
    }
}
