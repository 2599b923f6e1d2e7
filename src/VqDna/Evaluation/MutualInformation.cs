namespace VqDna.Evaluation;

/// <summary>
/// Plug-in entropy and (conditional) mutual information of discrete samples, in bits, each entropy with the
/// Miller–Madow correction: Ĥ = H_plugin + (m − 1) / (2N) nats, m the occupied cells and N the samples.
/// The correction removes the first-order bias of the plug-in estimate; it is too small when the table has
/// about as many occupied cells as samples, so a caller should report how sparse its tables are.
/// When X is a function of Z the two sides of I(X; Y | Z) have the same cells, so a deterministic code
/// that only relabels Z scores exactly zero, corrections included.
/// </summary>
public static class MutualInformation
{
    /// <summary>Miller–Madow entropy, in bits, of the distribution given by <paramref name="counts"/> (zeros allowed).</summary>
    public static double EntropyBits(IEnumerable<long> counts)
    {
        long total = 0, cells = 0;
        double sumNLogN = 0;
        foreach (long c in counts)
        {
            if (c < 0) throw new ArgumentOutOfRangeException(nameof(counts), c, "a count must not be negative");
            if (c == 0) continue;
            total += c;
            cells++;
            sumNLogN += c * Math.Log(c);
        }
        if (total == 0) return 0;
        double plugIn = Math.Log(total) - sumNLogN / total;                    // −Σ p log p
        return (plugIn + (cells - 1) / (2.0 * total)) / Math.Log(2);
    }

    /// <summary>
    /// I(X; Y | Z) = H(X,Z) + H(Y,Z) − H(X,Y,Z) − H(Z), in bits, from samples (x, y, z); a constant z gives I(X; Y).
    /// </summary>
    public static double ConditionalBits(IEnumerable<(long X, long Y, long Z)> samples)
    {
        var xyz = new Dictionary<(long, long, long), long>();
        foreach (var s in samples) xyz[s] = xyz.GetValueOrDefault(s) + 1;
        return ConditionalBits(xyz);
    }

    /// <summary>I(X; Y | Z) in bits from a joint count table keyed by (x, y, z).</summary>
    public static double ConditionalBits(IReadOnlyDictionary<(long X, long Y, long Z), long> joint)
    {
        var xz = new Dictionary<(long, long), long>();
        var yz = new Dictionary<(long, long), long>();
        var z = new Dictionary<long, long>();
        foreach (var ((x, y, zz), c) in joint)
        {
            xz[(x, zz)] = xz.GetValueOrDefault((x, zz)) + c;
            yz[(y, zz)] = yz.GetValueOrDefault((y, zz)) + c;
            z[zz] = z.GetValueOrDefault(zz) + c;
        }
        return EntropyBits(xz.Values) + EntropyBits(yz.Values) - EntropyBits(joint.Values) - EntropyBits(z.Values);
    }
}
