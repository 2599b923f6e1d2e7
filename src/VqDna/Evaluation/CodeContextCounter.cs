namespace VqDna.Evaluation;

/// <summary>
/// Collects (codes, surrounding bases) at every usable position of a batch of windows and turns them into a
/// <see cref="CodeContext"/>. Bases are ids 0..3 (A, C, G, T); 4 (N) excludes every position whose
/// ±<see cref="MaxOffset"/> neighbourhood holds it. Each position is stored as its 2D+1 bases packed two
/// bits apiece plus one code per level, so any offset or radius is read back from the same samples.
/// </summary>
public sealed class CodeContextCounter
{
    /// <summary>Offsets −8…+8: the tiny preset's receptive radius (stem 2 + two blocks × 3).</summary>
    public const int DefaultMaxOffset = 8;

    /// <summary>Radii 1…3: a 7-mer context already makes K·4^7 cells, as many as held-out evaluation has samples.</summary>
    public const int DefaultMaxRadius = 3;

    private const int Unknown = 4;
    private readonly int[] codebookSizes;
    private readonly List<long> windows = [];
    private readonly List<int>[] codes;

    /// <summary>
    /// A counter for quantizer levels of <paramref name="codebookSizes"/>, storing ±<paramref name="maxOffset"/> bases around each
    /// position.
    /// </summary>
    public CodeContextCounter(IReadOnlyList<int> codebookSizes, int maxOffset = DefaultMaxOffset, int maxRadius = DefaultMaxRadius)
    {
        if (codebookSizes.Count == 0) throw new ArgumentException("need at least one quantizer level", nameof(codebookSizes));
        if (maxOffset is < 1 or > 15) throw new ArgumentOutOfRangeException(nameof(maxOffset), maxOffset, "must be in [1, 15] (2D+1 bases packed in 64 bits)");
        if (maxRadius < 1 || maxRadius > maxOffset) throw new ArgumentOutOfRangeException(nameof(maxRadius), maxRadius, $"must be in [1, maxOffset = {maxOffset}]");
        this.codebookSizes = [.. codebookSizes];
        (MaxOffset, MaxRadius) = (maxOffset, maxRadius);
        codes = [.. codebookSizes.Select(_ => new List<int>())];
    }

    /// <summary>D: offsets −D…+D are measured.</summary>
    public int MaxOffset { get; }

    /// <summary>R: contexts of radius 1…R are measured.</summary>
    public int MaxRadius { get; }

    /// <summary>Positions collected so far.</summary>
    public long Samples => windows.Count;

    /// <summary>Adds a batch: <paramref name="bases"/> (rows·length, row-major) and one array of the same shape per level.</summary>
    public void Add(ReadOnlySpan<long> bases, IReadOnlyList<long[]> levelCodes, int length)
    {
        if (levelCodes.Count != codes.Length) throw new ArgumentException($"expected codes for {codes.Length} level(s), got {levelCodes.Count}", nameof(levelCodes));
        if (length < 1 || bases.Length % length != 0)
            throw new ArgumentException($"{bases.Length} bases do not make whole windows of length {length}", nameof(bases));
        for (int level = 0; level < codes.Length; level++)
        {
            if (levelCodes[level].Length != bases.Length)
                throw new ArgumentException($"level {level + 1} has {levelCodes[level].Length} codes for {bases.Length} bases", nameof(levelCodes));
            int bad = Array.FindIndex(levelCodes[level], c => c < 0 || c >= codebookSizes[level]);
            if (bad >= 0)
                throw new ArgumentOutOfRangeException(nameof(levelCodes), levelCodes[level][bad], $"level {level + 1} code at {bad} must be in [0, {codebookSizes[level]})");
        }
        int badBase = bases.IndexOfAnyExceptInRange(0L, (long)Unknown);
        if (badBase >= 0) throw new ArgumentOutOfRangeException(nameof(bases), bases[badBase], $"base id at {badBase} must be 0..4 (A, C, G, T, N)");

        for (int start = 0; start < bases.Length; start += length)
            for (int i = start + MaxOffset; i < start + length - MaxOffset; i++)
            {
                long packed = 0;
                bool known = true;
                for (int d = -MaxOffset; d <= MaxOffset && known; d++)
                {
                    long b = bases[i + d];
                    known = b != Unknown;
                    packed |= b << (2 * (d + MaxOffset));
                }
                if (!known) continue;
                windows.Add(packed);
                for (int level = 0; level < codes.Length; level++) codes[level].Add((int)levelCodes[level][i]);
            }
    }

    /// <summary>The measure over every position added.</summary>
    public CodeContext Result()
    {
        var ceiling = Enumerable.Range(1, MaxRadius)
            .Select(r => MutualInformation.EntropyBits(Counts(windows.Select(w => Kmer(w, r)))) - MutualInformation.EntropyBits(Counts(windows.Select(w => Base(w, 0)))))
            .ToArray();
        var levels = Enumerable.Range(0, codes.Length).Select(LevelResult).ToList();
        return new CodeContext(Samples, MaxOffset, ceiling, levels);
    }

    private LevelContext LevelResult(int level)
    {
        var c = codes[level];
        var offsets = Enumerable.Range(-MaxOffset, 2 * MaxOffset + 1).ToArray();
        double[] marginal = [.. offsets.Select(d => MutualInformation.ConditionalBits(Samples3(level, w => Base(w, d), _ => 0)))];
        double[] conditional = [.. offsets.Select(d => MutualInformation.ConditionalBits(Samples3(level, w => Base(w, d), w => Base(w, 0))))];
        var radii = Enumerable.Range(1, MaxRadius).ToArray();
        double[] context = [.. radii.Select(r => MutualInformation.ConditionalBits(Samples3(level, w => Kmer(w, r), w => Base(w, 0))))];
        double[] cells = [.. radii.Select(r => Samples == 0 ? 0 : (double)Enumerable.Range(0, c.Count).Select(j => (c[j], Kmer(windows[j], r))).Distinct().Count() / Samples)];
        return new LevelContext(codebookSizes[level], MutualInformation.EntropyBits(Counts(c.Select(x => (long)x))), marginal[MaxOffset],
            marginal, conditional, context, cells);
    }

    private IEnumerable<(long, long, long)> Samples3(int level, Func<long, long> y, Func<long, long> z)
    {
        var c = codes[level];
        for (int j = 0; j < c.Count; j++) yield return (c[j], y(windows[j]), z(windows[j]));
    }

    private long Base(long window, int offset) => (window >> (2 * (offset + MaxOffset))) & 3;

    /// <summary>The bases i−r…i+r as one number.</summary>
    private long Kmer(long window, int radius) => (window >> (2 * (MaxOffset - radius))) & ((1L << (2 * (2 * radius + 1))) - 1);

    private static IEnumerable<long> Counts(IEnumerable<long> values) => values.GroupBy(v => v).Select(g => (long)g.Count());
}
