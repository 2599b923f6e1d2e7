namespace VqDna.Reports.Charts;

/// <summary>The two files one chart was saved as: a PNG for viewers and Markdown, an SVG for papers and zooming.</summary>
/// <param name="Png">Path of the PNG image.</param>
/// <param name="Svg">Path of the SVG image.</param>
public sealed record ChartFiles(string Png, string Svg);
