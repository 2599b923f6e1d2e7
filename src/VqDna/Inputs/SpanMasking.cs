namespace VqDna.Inputs;

/// <summary>
/// Chooses which tokens of a sequence are predicted: whole, non-overlapping spans of <c>span</c> tokens until
/// the rate is reached, each span getting one action (80/10/10 by default), so an overlapping k-mer span
/// never reveals its own k-mers through an unchanged member.
/// </summary>
public static class SpanMasking
{
    /// <summary>
    /// One action per token of a sequence of <paramref name="length"/> tokens, spans of <paramref name="span"/> drawn from
    /// <paramref name="random"/> as <paramref name="config"/> says.
    /// </summary>
    public static MaskAction[] Choose(int length, int span, MaskingConfig config, Random random)
    {
        var actions = new MaskAction[length];
        if (length == 0) return actions;
        int target = Math.Max(1, (int)Math.Round(config.Rate * length));
        span = Math.Min(span, length);
        int chosen = 0;
        for (int attempt = 0; chosen < target && attempt < 20 * length; attempt++)
        {
            int start = random.Next(length - span + 1);
            // Spans never overlap: a span partly covered by an earlier "keep" span would show its k-mers.
            if (actions.AsSpan(start, span).ContainsAnyExcept(MaskAction.None)) continue;
            actions.AsSpan(start, span).Fill(Action(config, random));
            chosen += span;
        }
        return actions;
    }

    private static MaskAction Action(MaskingConfig config, Random random)
    {
        double u = random.NextDouble();
        return u < config.MaskFraction ? MaskAction.Mask : u < config.MaskFraction + config.RandomFraction ? MaskAction.Random : MaskAction.Keep;
    }
}
