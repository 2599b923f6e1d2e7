using VqDna.Datasets.Covid;
using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Tokenizers;
using VqDna.Tokenizers.Bpe;
using VqDna.Training.Pretraining;

namespace VqDna.Analysis.Variants;

/// <summary>
/// The SARS-CoV-2 variant study (VQDNA §5.4): how each tokenizer's tokens change around variant-defining
/// mutations, and whether per-genome embeddings group by variant (PCA, t-SNE, silhouette).
/// </summary>
public static class VariantAnalysis
{
    /// <summary>Runs the study on the genomes of <see cref="VariantAnalysisSettings.CovidDir"/>.</summary>
    public static VariantAnalysisResult Run(VariantAnalysisSettings settings, IProgress<string>? log = null)
    {
        settings.Validate();
        var (root, genomes) = CovidDataset.Load(settings.CovidDir);
        if (genomes.Count < 4) throw new InvalidDataException($"'{settings.CovidDir}' holds {genomes.Count} genomes; the study needs at least 4");
        var variants = genomes.Select(g => g.Variant).ToList();
        var labels = variants.Select(v => VariantIndex(v)).ToArray();
        var aligned = genomes.Select(g => new AlignedGenome(root, g.Genome.Differences)).ToList();
        var sequences = aligned.Select(a => a.Sequence).ToList();
        var defining = DefiningMutations.Find(genomes, new CovidTaskConfig().DefiningShare, new Dictionary<string, (int, int)>())
            .GroupBy(d => d.Variant).ToDictionary(g => g.Key, g => g.Select(d => d.Mutation).ToHashSet());
        var sites = MutationSite.Find(aligned, variants, defining, settings.IsolationRadius);
        log?.Report($"{genomes.Count} genomes, {sites.Count} defining-substitution sites ({sites.Count(s => s.Isolated)} isolated)");

        var curves = new List<TokenChangeCurve>();
        var projections = new List<ProjectionResult>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in settings.Tokenizers)
        {
            using var tokenizer = TokenizerEngines.Load(folder, engine: settings.Engine);
            var label = UniqueLabel(tokenizer.Config.Kind, names);
            log?.Report($"{label} ({folder}): encoding {genomes.Count} genomes");
            var (codes, means) = GenomeFeatures.Learned(tokenizer, sequences);
            curves.AddRange(TokenChangeAnalysis.Learned(label, tokenizer, root, aligned, sites, settings.MaxDistance, codes));
            projections.Add(Project($"{label} mean embedding", means, labels, settings, log));
            var sizes = Enumerable.Range(1, tokenizer.Config.Levels).Select(tokenizer.Config.LevelCodebookSize).ToList();
            projections.Add(Project($"{label} code profile", GenomeFeatures.CodeProfile(codes, sizes), labels, settings, log));
        }

        log?.Report($"training BPE (vocabulary {settings.BpeVocab}) on the reference and {settings.BpeGenomes} genomes");
        var bpeCorpus = new List<string> { root };
        bpeCorpus.AddRange(SampleTrainingGenomes(genomes, settings.BpeGenomes, settings.Seed).Select(i => sequences[i]));
        var bpe = new BpeTokenizer(new BpeTrainer(new BpeTrainerConfig(VocabSize: settings.BpeVocab)).Train(bpeCorpus));
        double bpeMeanLength = (double)root.Length / bpe.Encode(root).Length;
        var kmer = new NonOverlappingKmerTokenizer(settings.Kmer);
        curves.Add(TokenChangeAnalysis.HandMade("bpe", bpe, root, aligned, sites, settings.MaxDistance, settings.Seed));
        curves.Add(TokenChangeAnalysis.HandMade($"{settings.Kmer}mer", kmer, root, aligned, sites, settings.MaxDistance, settings.Seed));
        projections.Add(Project("bpe token profile", GenomeFeatures.TokenProfile(bpe, sequences), labels, settings, log));
        projections.Add(Project($"{settings.Kmer}mer token profile", GenomeFeatures.TokenProfile(kmer, sequences), labels, settings, log));

        if (settings.Model is { } model)
        {
            log?.Report($"encoder ({model}): pooling {genomes.Count} genomes" + (settings.EncoderStart == 0 ? "" : $" over root positions {settings.EncoderStart}-{settings.EncoderEnd}"));
            using var inputs = PretrainedFolder.LoadInputs(model);
            using var masked = EncoderFolder.LoadMaskedModeling(model);
            bool whole = settings.EncoderStart == 0;
            var region = whole ? sequences : aligned.Select(a => a.Slice(settings.EncoderStart - 1, Math.Min(root.Length, settings.EncoderEnd)).Sequence).ToList();
            var pooled = GenomeFeatures.EncoderPooled(masked.encoder, inputs, region);
            projections.Add(Project(whole ? $"encoder pooled ({inputs.Name})" : $"encoder pooled ({inputs.Name}, {settings.EncoderStart}-{settings.EncoderEnd})", pooled, labels, settings, log));
        }

        return new VariantAnalysisResult(
            VariantCatalog.Variants.ToDictionary(v => v.Name, v => variants.Count(x => x == v.Name)),
            sites.Count, sites.Count(s => s.Isolated), curves, projections, bpe.VocabSize, bpeMeanLength, bpeCorpus.Count,
            genomes.Select(g => (g.Name, g.Variant, g.Split)).ToList());
    }

    /// <summary>PCA and t-SNE of one feature set, with the silhouette by variant before and after projecting.</summary>
    public static ProjectionResult Project(string feature, double[,] data, int[] labels, VariantAnalysisSettings settings, IProgress<string>? log = null)
    {
        log?.Report($"{feature}: PCA, t-SNE, silhouettes");
        var pca = Pca.Fit(data, 2);
        var tsne = Tsne.Fit(data, new Tsne.Settings(Iterations: settings.TsneIterations));
        return new ProjectionResult(feature, data.GetLength(1), Silhouette.Score(data, labels), Silhouette.Score(pca.Scores, labels),
            Silhouette.Score(tsne, labels), pca.ExplainedRatio, pca.Scores, tsne);
    }

    /// <summary>Up to <paramref name="count"/> training-split genomes, spread evenly over the variants (round robin), seeded.</summary>
    public static List<int> SampleTrainingGenomes(IReadOnlyList<VariantGenome> genomes, int count, int seed)
    {
        var random = new Random(seed);
        var pools = genomes.Select((g, i) => (g, i)).Where(p => p.g.Split == "train").GroupBy(p => p.g.Variant).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var indices = g.Select(p => p.i).ToArray();
                random.Shuffle(indices);
                return new Queue<int>(indices);
            }).ToList();
        var chosen = new List<int>();
        while (chosen.Count < count && pools.Any(p => p.Count > 0))
            foreach (var pool in pools)
                if (chosen.Count < count && pool.Count > 0) chosen.Add(pool.Dequeue());
        return chosen;
    }

    private static int VariantIndex(string variant)
    {
        for (int i = 0; i < VariantCatalog.Variants.Count; i++) if (VariantCatalog.Variants[i].Name == variant) return i;
        throw new InvalidDataException($"genome variant '{variant}' is not one of the nine GUE variants");
    }

    private static string UniqueLabel(string kind, HashSet<string> taken)
    {
        var label = kind;
        for (int i = 2; !taken.Add(label); i++) label = $"{kind}{i}";
        return label;
    }
}
