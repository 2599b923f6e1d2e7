using VqDna.Torch;

namespace VqDna.Analysis.Variants;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton 2008) for up to a few thousand points, with float64 tensor ops: Gaussian
/// affinities calibrated per point to a perplexity by bisection, symmetrised; Student-t similarities in 2-D; gradient
/// descent with momentum, per-parameter gains and early exaggeration, with scikit-learn's defaults (perplexity 30,
/// exaggeration 12 for 250 iterations, momentum 0.5 then 0.8, learning rate max(n / 12 / 4, 50)), initialised from
/// PCA scaled to standard deviation 1e-4, so a run is deterministic.
/// </summary>
public static class Tsne
{
    /// <summary>Settings; the defaults are scikit-learn's.</summary>
    public sealed record Settings(double Perplexity = 30, int Iterations = 1000, double EarlyExaggeration = 12, int ExaggerationIterations = 250, double? LearningRate = null);

    /// <summary>2-D embedding (n × 2) of the rows of <paramref name="data"/> (n × d).</summary>
    public static double[,] Fit(double[,] data, Settings? settings = null)
    {
        settings ??= new Settings();
        int n = data.GetLength(0), d = data.GetLength(1);
        if (n < 4) throw new ArgumentException($"t-SNE needs at least 4 points, got {n}", nameof(data));
        double perplexity = Math.Min(settings.Perplexity, (n - 1) / 3.0);             // a perplexity above (n − 1)/3 cannot be reached
        double learningRate = settings.LearningRate ?? Math.Max(n / settings.EarlyExaggeration / 4, 50);
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Pca.Flatten(data), [n, d]);
        var squared = torch.cdist(x, x).square().ToArray<double>();
        var p = torch.tensor(Affinities(squared, n, perplexity), [n, n]);
        p = p.add(p.t()).div(2 * n).clamp(min: 1e-12);                               // symmetric joint probabilities, sum 1

        var init = Pca.Fit(data, 2).Scores;
        double std = StandardDeviation(init, 0);
        var y = torch.tensor(Pca.Flatten(init), [n, 2]).mul(std > 0 ? 1e-4 / std : 1);
        var update = torch.zeros([n, 2], torch.float64);
        var gains = torch.ones([n, 2], torch.float64);
        var offDiagonal = torch.ones([n, n], torch.float64).sub(torch.eye(n, torch.float64));
        for (int it = 0; it < settings.Iterations; it++)
        {
            using var step = torch.NewDisposeScope();
            bool early = it < settings.ExaggerationIterations;
            double momentum = early ? 0.5 : 0.8;
            var target = early ? p.mul(settings.EarlyExaggeration) : p;
            var w = torch.cdist(y, y).square().add(1).reciprocal().mul(offDiagonal);   // (n, n) Student-t kernel, zero diagonal
            var q = w.div(w.sum()).clamp(min: 1e-12);
            var m = target.sub(q).mul(w);                                             // (n, n)
            var gradient = m.sum(1, keepdim: true).mul(y).sub(m.mm(y)).mul(4);        // (n, 2): 4 Σ_j (p_ij − q_ij) w_ij (y_i − y_j)
            // Gains (Jacobs 1988): grow where the gradient keeps pointing against the last update, shrink otherwise.
            var same = gradient.mul(update).gt(0);
            var newGains = torch.where(same, gains.mul(0.8), gains.add(0.2)).clamp(min: 0.01);
            var newUpdate = update.mul(momentum).sub(newGains.mul(gradient).mul(learningRate));
            var newY = y.add(newUpdate);
            gains.Dispose(); update.Dispose(); y.Dispose();                           // the step's inputs: only the new state lives on
            (gains, update, y) = (newGains.MoveToOuterDisposeScope(), newUpdate.MoveToOuterDisposeScope(), newY.MoveToOuterDisposeScope());
        }
        var values = y.ToArray<double>();
        var result = new double[n, 2];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }

    /// <summary>Row-conditional Gaussian affinities p(j|i), each row's bandwidth found by bisection so its entropy is log(perplexity).</summary>
    private static double[] Affinities(double[] squared, int n, double perplexity)
    {
        var p = new double[(long)n * n];
        double target = Math.Log(perplexity);
        for (int i = 0; i < n; i++)
        {
            double beta = 1, lo = 0, hi = double.PositiveInfinity;
            var row = p.AsSpan(i * n, n);
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    row[j] = j == i ? 0 : Math.Exp(-squared[(long)i * n + j] * beta);
                    sum += row[j];
                }
                if (sum == 0) sum = 1e-300;
                for (int j = 0; j < n; j++) { row[j] /= sum; weighted += row[j] * squared[(long)i * n + j]; }
                double entropy = Math.Log(sum) + beta * weighted;                     // H = log Σ exp(−βd) + β E[d]
                if (Math.Abs(entropy - target) < 1e-5) break;
                if (entropy > target) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
                else { hi = beta; beta = (beta + lo) / 2; }
            }
        }
        return p;
    }

    private static double StandardDeviation(double[,] data, int column)
    {
        int n = data.GetLength(0);
        double mean = 0, sum = 0;
        for (int i = 0; i < n; i++) mean += data[i, column];
        mean /= n;
        for (int i = 0; i < n; i++) sum += (data[i, column] - mean) * (data[i, column] - mean);
        return Math.Sqrt(sum / n);
    }
}
