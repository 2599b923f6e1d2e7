namespace VqDna.Analysis.Variants;

/// <summary>One distance of a token-change curve.</summary>
/// <param name="Distance">Bases between the position and the mutation (0 = the mutated base).</param>
/// <param name="Positions">Positions compared at this distance (both sides, every site).</param>
/// <param name="Changed">Positions whose token differed between genome and reference.</param>
/// <param name="IsolatedPositions">The same, counting only isolated sites (no other difference within the isolation radius).</param>
/// <param name="IsolatedChanged">Changed positions around isolated sites.</param>
public sealed record CurvePoint(int Distance, long Positions, long Changed, long IsolatedPositions, long IsolatedChanged)
{
    /// <summary>Changed / positions (null when none were compared).</summary>
    public double? Rate => Positions == 0 ? null : (double)Changed / Positions;

    /// <summary>The rate around isolated sites (null when there were none).</summary>
    public double? IsolatedRate => IsolatedPositions == 0 ? null : (double)IsolatedChanged / IsolatedPositions;
}
