using VqDna.Torch;
using VqDna.Sequences;

namespace VqDna.Training;

/// <summary>
/// Draws fixed-length windows from a corpus: a record with probability proportional to how many windows
/// fit in its part, then a uniform start. Every draw comes from the System.Random it is given, so the
/// trainer can seed each step on its own and a resumed run sees the same batches.
/// </summary>
public sealed class WindowSampler
{
    private const double MaxNFraction = 0.5;
    private readonly GenomeCorpus corpus;
    private readonly int length;
    private readonly bool heldOut;
    private readonly long[] cumulative;

    /// <summary>
    /// Draws windows of <paramref name="length"/> bases from <paramref name="corpus"/>: from the training part of each record, or from the
    /// held-out tail when <paramref name="heldOut"/>.
    /// </summary>
    public WindowSampler(GenomeCorpus corpus, int length, bool heldOut)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "window length must be positive");
        (this.corpus, this.length, this.heldOut) = (corpus, length, heldOut);
        cumulative = new long[corpus.Records.Count];
        long total = 0;
        for (int i = 0; i < cumulative.Length; i++)
        {
            total += Math.Max(0, Span(corpus.Records[i]).length - length + 1);
            cumulative[i] = total;
        }
        if (total == 0)
            throw new ArgumentException($"no {(heldOut ? "held-out" : "training")} part of the corpus is as long as the window ({length} bp): " +
                $"the {(heldOut ? $"held-out part is the last {100 * GenomeCorpus.HeldOutFraction:0.#}%" : $"training part is the first {100 * (1 - GenomeCorpus.HeldOutFraction):0.#}%")} of each record, " +
                $"so a window of {length} bp needs a record of at least {MinimumRecordLength(length, heldOut):N0} bp; " +
                $"the longest record has {corpus.Records.Max(r => r.Sequence.Length):N0} bp: use a shorter window or longer records");
    }

    /// <summary>The shortest record whose training (or held-out) part holds one window of <paramref name="length"/>.</summary>
    private static long MinimumRecordLength(int length, bool heldOut)
    {
        double fraction = heldOut ? GenomeCorpus.HeldOutFraction : 1 - GenomeCorpus.HeldOutFraction;
        long n = Math.Max(length, (long)Math.Floor(length / fraction) - 2);
        // Step past the rounding of CorpusRecord.HeldOutStart to the exact first length that fits.
        while (true)
        {
            long start = (long)(n * (1 - GenomeCorpus.HeldOutFraction));
            if ((heldOut ? n - start : start) >= length) return n;
            n++;
        }
    }

    private (int start, int length) Span(CorpusRecord r) =>
        heldOut ? (r.HeldOutStart, r.Sequence.Length - r.HeldOutStart) : (0, r.HeldOutStart);

    /// <summary>The training and held-out samplers of a corpus.</summary>
    public static (WindowSampler training, WindowSampler heldOut) Split(GenomeCorpus corpus, int length) =>
        (new WindowSampler(corpus, length, heldOut: false), new WindowSampler(corpus, length, heldOut: true));

    /// <summary>A batch of windows as nucleotide ids, (batch, length) int64.</summary>
    public Tensor Sample(Random random, int batch)
    {
        var ids = new long[(long)batch * length];
        for (int b = 0; b < batch; b++) NucleotideIds.Encode(DrawMostlyBases(random), ids.AsSpan(b * length, length));
        return torch.tensor(ids, [batch, length]);
    }

    /// <summary>A batch of windows as text (A, C, G, T, N), drawn exactly as <see cref="Sample"/> draws them.</summary>
    public string[] SampleText(Random random, int batch)
    {
        var windows = new string[batch];
        for (int b = 0; b < batch; b++) windows[b] = new string(DrawMostlyBases(random));
        return windows;
    }

    /// <summary>Assembly gaps (runs of N) teach nothing; a few tries find real sequence.</summary>
    private ReadOnlySpan<char> DrawMostlyBases(Random random)
    {
        for (int attempt = 0; ; attempt++)
        {
            var text = Draw(random);
            if (attempt >= 10 || text.Count('N') <= MaxNFraction * length) return text;
        }
    }

    private ReadOnlySpan<char> Draw(Random random)
    {
        long pick = random.NextInt64(cumulative[^1]);
        int index = FirstAbove(cumulative, pick);
        var record = corpus.Records[index];
        long before = index == 0 ? 0 : cumulative[index - 1];
        var (start, _) = Span(record);
        return record.Sequence.AsSpan(start + (int)(pick - before), length);
    }

    /// <summary>The first i with values[i] &gt; x (records with no window repeat the previous total and are never chosen).</summary>
    private static int FirstAbove(long[] values, long x)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (values[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
