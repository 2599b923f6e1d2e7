using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>
/// ALiBi, Attention with Linear Biases (Press, Smith and Lewis, ICLR 2022), as DNABERT-2 uses it: no
/// position embeddings; each head h adds −m_h·|i − j| to the score of query i on key j. The distance is
/// symmetric because the encoder is bidirectional (the paper's causal form uses j − i on one side only).
/// Why ALiBi: it has no learned position table, so a model trained on MaxLength tokens runs on longer
/// inputs (GUE's long tasks, whole records embedded in chunks) without a size error, and Press et al. show
/// the loss degrades gracefully past the training length where learned or sinusoidal positions do not.
/// </summary>
public static class Alibi
{
    /// <summary>
    /// The head slopes m_h: for a power-of-two H, the geometric sequence 2^(−8h/H), h = 1..H. Otherwise
    /// Press et al.'s rule (their reference code, used by DNABERT-2): the slopes of the next lower power
    /// of two n, then every other slope of 2n, until there are H.
    /// </summary>
    public static double[] Slopes(int heads)
    {
        if (heads < 1) throw new ArgumentOutOfRangeException(nameof(heads), heads, "must be positive");
        static double[] PowerOfTwo(int n) => Enumerable.Range(1, n).Select(h => Math.Pow(2, -8.0 * h / n)).ToArray();
        int lower = 1 << (int)Math.Floor(Math.Log2(heads));
        if (lower == heads) return PowerOfTwo(heads);
        var extra = PowerOfTwo(2 * lower).Where((_, i) => i % 2 == 0).Take(heads - lower);
        return PowerOfTwo(lower).Concat(extra).ToArray();
    }

    /// <summary>The bias −m_h·|i − j| as a float32 tensor (H, T, S) for T queries and S keys, on <paramref name="device"/> (the CPU by default).</summary>
    public static Tensor Bias(int heads, long queryLength, long keyLength, Device? device = null)
    {
        var slopes = Slopes(heads).Select(s => (float)s).ToArray();
        using var m = torch.tensor(slopes, [heads, 1, 1], device: device);                                        // (H, 1, 1)
        using var queries = torch.arange(queryLength, ScalarType.Float32, device);
        using var keys = torch.arange(keyLength, ScalarType.Float32, device);
        using var i = queries.view(queryLength, 1);                                             // (T, 1)
        using var j = keys.view(1, keyLength);                                                  // (1, S)
        using var difference = j - i;
        using var distance = difference.abs();                                                  // |i − j|, (T, S)
        using var scaled = m * distance;                                                        // (H, T, S)
        return scaled.neg();
    }
}
