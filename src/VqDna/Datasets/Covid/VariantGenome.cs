namespace VqDna.Datasets.Covid;

/// <summary>A rebuilt genome of one of the nine variants, with the split it went to.</summary>
/// <param name="Genome">The rebuilt genome.</param>
/// <param name="Variant">The variant's name (the class).</param>
/// <param name="Split">train, dev or test.</param>
public sealed record VariantGenome(RebuiltGenome Genome, string Variant, string Split)
{
    /// <summary>The genome's name.</summary>
    public string Name => Genome.Name;
}
