namespace VqDna.Reports.Charts;

/// <summary>The text of a chart: its title and what each axis measures (with units).</summary>
/// <param name="Title">Title above the plot.</param>
/// <param name="XLabel">Horizontal axis label.</param>
/// <param name="YLabel">Vertical axis label.</param>
public sealed record ChartLabels(string Title, string XLabel, string YLabel);
