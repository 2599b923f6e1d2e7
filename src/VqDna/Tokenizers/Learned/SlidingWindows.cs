namespace VqDna.Tokenizers.Learned;

/// <summary>
/// Cuts a long sequence into overlapping windows whose cores tile it exactly. Each core has at least
/// <c>margin</c> positions of context on both sides (or reaches the sequence end), so with margin ≥ the
/// network's receptive radius every position's result equals that of one pass over the whole sequence:
/// results never depend on where windows start.
/// </summary>
public static class SlidingWindows
{
    /// <summary>One window: the input span [Start, Start + Length) and the core [CoreStart, CoreStart + CoreLength) it is trusted for.</summary>
    public readonly record struct Window(int Start, int Length, int CoreStart, int CoreLength);

    /// <summary>
    /// The windows of at most <paramref name="window"/> positions over a sequence of <paramref name="sequenceLength"/>, each core with
    /// <paramref name="margin"/> positions of context; window must exceed twice the margin.
    /// </summary>
    public static IReadOnlyList<Window> Plan(int sequenceLength, int window, int margin)
    {
        if (margin < 0) throw new ArgumentOutOfRangeException(nameof(margin), margin, "must be non-negative");
        if (window <= 2 * margin) throw new ArgumentOutOfRangeException(nameof(window), window, $"must exceed twice the margin ({2 * margin})");
        var windows = new List<Window>();
        if (sequenceLength <= window)
        {
            if (sequenceLength > 0) windows.Add(new Window(0, sequenceLength, 0, sequenceLength));
            return windows;
        }
        int core = window - 2 * margin;
        for (int coreStart = 0; coreStart < sequenceLength; coreStart += core)
        {
            int coreLength = Math.Min(core, sequenceLength - coreStart);
            int start = Math.Max(0, coreStart - margin);
            int end = Math.Min(sequenceLength, coreStart + coreLength + margin);
            windows.Add(new Window(start, end - start, coreStart, coreLength));
        }
        return windows;
    }
}
