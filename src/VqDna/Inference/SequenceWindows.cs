namespace VqDna.Inference;

/// <summary>
/// Windows along a record for genome-scale prediction and embedding (issue 20): starts at 0, S, 2S, … (before the
/// record's end), each W nucleotides or shorter at the record's end, ending with the first window that reaches the
/// end. A record of at most W nucleotides is one window; with S &lt; W consecutive windows overlap by W − S, with
/// S &gt; W they leave gaps.
/// </summary>
/// <param name="Window">W, nucleotides per window.</param>
/// <param name="Stride">S, nucleotides between window starts.</param>
public sealed record SequenceWindows(int Window, int Stride)
{
    /// <summary>Throws when W or S is not positive (naming the option).</summary>
    public SequenceWindows Validate()
    {
        if (Window <= 0) throw new ArgumentOutOfRangeException(nameof(Window), Window, "--window must be positive");
        if (Stride <= 0) throw new ArgumentOutOfRangeException(nameof(Stride), Stride, "--stride must be positive");
        return this;
    }

    /// <summary>The windows [start, end) over a record of <paramref name="length"/> nucleotides, in order.</summary>
    public IEnumerable<(int Start, int End)> Spans(int length)
    {
        for (long start = 0; ; start += Stride)
        {
            if (start > 0 && start >= length) yield break;                           // a stride past the window leaves the tail uncovered
            int end = (int)Math.Min(start + Window, length);
            yield return ((int)start, end);
            if (end >= length) yield break;
        }
    }
}
