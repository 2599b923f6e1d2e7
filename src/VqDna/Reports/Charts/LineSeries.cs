namespace VqDna.Reports.Charts;

/// <summary>One labelled curve: y as a function of x (equal lengths; NaN values leave a gap).</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">Horizontal coordinates, in increasing order.</param>
/// <param name="Y">Values.</param>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);
