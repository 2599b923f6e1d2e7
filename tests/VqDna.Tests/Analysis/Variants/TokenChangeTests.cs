using VqDna.Analysis.Variants;
using VqDna.Datasets.Covid;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Sequences.Readers;
using VqDna.Tokenizers;

namespace VqDna.Tests.Analysis.Variants;

public sealed class TokenChangeTests
{
    private static readonly string Reference = SequenceFile.Read(RepoData.Data("genomes/sars_cov2_NC_045512.fa.gz")).First().Sequence;

    /// <summary>One genome per position, each with a single substitution there (all isolated).</summary>
    private static (List<AlignedGenome> Genomes, List<MutationSite> Sites) SingleSubstitutions(string root, params int[] positions)
    {
        var genomes = new List<AlignedGenome>();
        var sites = new List<MutationSite>();
        foreach (int p in positions)
        {
            char from = root[p - 1], to = from == 'A' ? 'C' : 'A';
            var m = new NucleotideMutation(from, p, to);
            sites.Add(new MutationSite(genomes.Count, m, Isolated: true));
            genomes.Add(new AlignedGenome(root, [m]));
        }
        return (genomes, sites);
    }

    [Fact]
    public void ASubstitutionChangesOnlyItsOwnSixMer()
    {
        var root = Reference[..3000];
        var (genomes, sites) = SingleSubstitutions(root, 1000, 1201, 1402, 1603, 1804, 2005, 2206);
        var curve = TokenChangeAnalysis.HandMade("6mer", new NonOverlappingKmerTokenizer(6), root, genomes, sites, maxDistance: 50, seed: 3);
        Assert.Equal(1.0, curve.Points[0].Rate);
        Assert.Equal(6 * sites.Count, curve.Points.Sum(p => p.Changed));                 // exactly the 6 bases of the covering token, per site
        Assert.All(curve.Points.Skip(6), p => Assert.Equal(0, p.Changed));
        Assert.Equal(2 * sites.Count, curve.Points[7].Positions);                        // both sides counted
        Assert.Equal(curve.Points.Select(p => p.Rate), curve.Points.Select(p => p.IsolatedRate));
    }

    [Fact]
    public void DeletedPositionsAreSkippedAndTokensAreMatchedByPosition()
    {
        var root = Reference[..3000];
        char from = root[999];
        var substitution = new NucleotideMutation(from, 1000, from == 'A' ? 'C' : 'A');
        var deletion = new NucleotideMutation(root[1009], 1010, '-');                   // 10 bases to the right
        var genome = new AlignedGenome(root, [substitution, deletion]);
        Assert.Equal(2999, genome.Sequence.Length);
        Assert.Equal(-1, genome.ToSequence[1009]);
        var sites = new List<MutationSite> { new(0, substitution, Isolated: false) };
        var curve = TokenChangeAnalysis.HandMade("char", new CharTokenizer(), root, [genome], sites, maxDistance: 20, seed: 1);
        Assert.Equal(1, curve.Points[10].Positions);                                     // 990 only: 1010 is deleted
        Assert.Equal(1, curve.Points.Sum(p => p.Changed));                               // single-base tokens: only the mutated base, whatever the shift
        Assert.Equal(0, curve.IsolatedSites);
        Assert.Null(curve.Points[0].IsolatedRate);
    }

    [Fact]
    public void TokenCoverSpellsTheSequence()
    {
        var (ids, starts) = TokenCover.Of(new NonOverlappingKmerTokenizer(6), "ACGTACGTANGT");
        Assert.Equal([0, 0, 0, 0, 0, 0, 6, 7, 8, 9, 10, 11], starts);                    // ACGTAC, then single bases around the N
        Assert.Equal(12, ids.Length);
    }

    [Fact]
    public void TinyHrqCurvesAreFiniteAndVanishBeyondTheReceptiveField()
    {
        using var temp = RepoData.NewTempFolder();
        using var tokenizer = LearnedTokenizer.Load(TinyTokenizer.Train(temp.File("hrq")));
        var root = Reference;
        var (genomes, sites) = SingleSubstitutions(root, 5000, 12000, 21000, 23063, 28000);
        int maxDistance = 20;
        var curves = TokenChangeAnalysis.Learned("hrq", tokenizer, root, genomes, sites, maxDistance);
        Assert.Equal(["hrq level 1 (coarse)", "hrq level 2 (fine)"], curves.Select(c => c.Label));
        Assert.Equal([32, 64], curves.Select(c => c.Vocabulary));
        int radius = tokenizer.Config.ReceptiveRadius;
        foreach (var c in curves)
        {
            Assert.Equal(maxDistance + 1, c.Points.Count);
            Assert.All(c.Points, p => Assert.InRange(p.Rate!.Value, 0, 1));
            Assert.All(c.Points.Where(p => p.Distance > radius), p => Assert.Equal(0, p.Changed));   // a code sees only its receptive field
        }
    }
}
