using VqDna.Torch;

namespace VqDna.Analysis.Variants;

/// <summary>
/// Principal components by power iteration with deflation on the covariance (or Gram) matrix (float64 tensors): our binding
/// has no svd/eigh, and a few components of a d × d covariance (d ≤ a few hundred) converge in a few hundred
/// matrix-vector products. Components are signed so that their largest-magnitude loading is positive, which makes
/// the result deterministic.
/// </summary>
public static class Pca
{
    /// <summary>The result: scores (n × k), components (k × d), each component's variance and its share of the total.</summary>
    public sealed record Result(double[,] Scores, double[,] Components, double[] Variance, double[] ExplainedRatio);

    /// <summary>The first <paramref name="components"/> principal components of the rows of <paramref name="data"/> (n × d).</summary>
    public static Result Fit(double[,] data, int components = 2, int maxIterations = 1000, double tolerance = 1e-12)
    {
        int n = data.GetLength(0), d = data.GetLength(1);
        if (n < 2) throw new ArgumentException($"PCA needs at least 2 rows, got {n}", nameof(data));
        if (components < 1 || components > d) throw new ArgumentOutOfRangeException(nameof(components), components, $"must be in 1..{d} (the data's columns)");
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Flatten(data), [n, d]);
        x = x.sub(x.mean(0, keepdim: true));                                          // centre the columns
        // The covariance XᵀX/(n−1) (d × d) and the Gram matrix XXᵀ/(n−1) (n × n) share their non-zero eigenvalues;
        // iterate on the smaller one (a 4,096-token profile of 261 genomes: 261 × 261), then map u to v = Xᵀu / |Xᵀu|.
        bool gram = d > n;
        var matrix = (gram ? x.mm(x.t()) : x.t().mm(x)).div(n - 1);
        double total = Trace(matrix);
        var vectors = new double[components, d];
        var variance = new double[components];
        var random = new Random(0);
        int size = gram ? n : d;
        for (int c = 0; c < components; c++)
        {
            var v = torch.tensor(Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray(), [size, 1]);
            v = v.div(v.norm().item<double>());
            for (int it = 0; it < maxIterations; it++)
            {
                var w = matrix.mm(v);                                                 // (size, 1)
                double norm = w.norm().item<double>();
                if (norm == 0) break;                                                 // the rest of the spectrum is zero
                var next = w.div(norm);
                double change = next.sub(v).norm().item<double>();
                v = next;
                if (change < tolerance) break;
            }
            variance[c] = v.t().mm(matrix).mm(v).item<double>();                      // Rayleigh quotient: exact for the converged vector
            matrix = matrix.sub(v.mm(v.t()).mul(variance[c]));                        // deflate
            var direction = gram ? x.t().mm(v) : v;                                   // (d, 1)
            double length = direction.norm().item<double>();
            var values = (length > 0 ? direction.div(length) : direction).flatten().ToArray<double>();
            int largest = Enumerable.Range(0, d).MaxBy(i => Math.Abs(values[i]));
            double sign = values[largest] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) vectors[c, j] = sign * values[j];
        }
        var basis = torch.tensor(Flatten(vectors), [components, d]);
        var scores = x.mm(basis.t()).ToArray<double>();                               // (n, k)
        var result = new double[n, components];
        Buffer.BlockCopy(scores, 0, result, 0, scores.Length * sizeof(double));
        return new Result(result, vectors, variance, variance.Select(v => total > 0 ? v / total : 0).ToArray());
    }

    private static double Trace(Tensor matrix)
    {
        var values = matrix.ToArray<double>();
        int d = (int)Math.Sqrt(values.Length);
        double sum = 0;
        for (int i = 0; i < d; i++) sum += values[i * d + i];
        return sum;
    }

    internal static double[] Flatten(double[,] data)
    {
        var flat = new double[data.Length];
        Buffer.BlockCopy(data, 0, flat, 0, data.Length * sizeof(double));
        return flat;
    }
}
