namespace VqDna.Analysis.Variants;

/// <summary>One feature set's 2-D projections and how well they separate the variants.</summary>
/// <param name="Feature">What was embedded: "hrq mean embedding", "encoder pooled"…</param>
/// <param name="Dimensions">Dimensions of the original feature.</param>
/// <param name="SilhouetteOriginal">Silhouette by variant in the original space.</param>
/// <param name="SilhouettePca">Silhouette of the 2-D PCA projection.</param>
/// <param name="SilhouetteTsne">Silhouette of the 2-D t-SNE projection.</param>
/// <param name="PcaExplained">Share of variance on PC1 and PC2.</param>
/// <param name="Pca">PCA coordinates (n × 2).</param>
/// <param name="Tsne">t-SNE coordinates (n × 2).</param>
public sealed record ProjectionResult(string Feature, int Dimensions, double SilhouetteOriginal, double SilhouettePca, double SilhouetteTsne,
    double[] PcaExplained, double[,] Pca, double[,] Tsne);
