namespace VqDna.Datasets.Covid;

/// <summary>A difference from the root that most genomes of a variant carry.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Mutation">Root base, position, variant base ('-' = deleted).</param>
/// <param name="Gene">The gene (CDS) the position lies in, or "" between genes.</param>
/// <param name="Carriers">Genomes of the variant that carry it.</param>
/// <param name="Genomes">Genomes of the variant.</param>
public sealed record DefiningMutation(string Variant, NucleotideMutation Mutation, string Gene, int Carriers, int Genomes)
{
    /// <summary>Carriers / genomes.</summary>
    public double Share => Genomes == 0 ? 0 : (double)Carriers / Genomes;
}
