namespace VqDna.Analysis.Variants;

/// <summary>
/// Draws the variant study's figures. The report works without one (it then names the CSV each figure would be
/// drawn from); the CLI passes the ScottPlot implementation from Reports/Charts.
/// </summary>
public interface IVariantCharts
{
    /// <summary>Curves on shared axes; returns the path of the PNG written for <paramref name="path"/>.</summary>
    string Lines(IReadOnlyList<(string Label, double[] X, double[] Y)> series, string path, string title, string xLabel, string yLabel);

    /// <summary>Points coloured by class; returns the path of the PNG written for <paramref name="path"/>.</summary>
    string Scatter(double[] x, double[] y, string[] classes, string path, string title, string xLabel, string yLabel);
}
