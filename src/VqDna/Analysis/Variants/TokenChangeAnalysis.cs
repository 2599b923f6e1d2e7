using VqDna.Models.Tokenizer;
using VqDna.Tokenizers.Learned;
using VqDna.Tokenizers;

namespace VqDna.Analysis.Variants;

/// <summary>
/// Token-change curves, genome against reference, at distances 0..<c>maxDistance</c> from each site, on both sides.
/// A position counts when both genome and reference have a base there. A learned tokenizer gives one code per base,
/// independent of where windows start, so whole genomes are encoded once and codes compared base by base. A
/// hand-made tokenizer's tokens depend on where tokenization starts (the 6-mer frame), so each site is tokenized
/// in a window of root coordinates around it, starting at a seeded random offset (the mutation falls at every
/// phase of the frame), and a position changed when its covering token's id or span differs.
/// </summary>
public static class TokenChangeAnalysis
{
    /// <summary>Bases of window on each side of a site for hand-made tokenizers, beyond the largest distance (longer than any token).</summary>
    public const int WindowMargin = 128;

    /// <summary>One curve per level of a learned tokenizer.</summary>
    public static List<TokenChangeCurve> Learned(string label, LearnedTokenizer tokenizer, string root, IReadOnlyList<AlignedGenome> genomes,
        IReadOnlyList<MutationSite> sites, int maxDistance, IReadOnlyList<int[][]>? genomeCodes = null)
    {
        var reference = tokenizer.Encode(root);
        int levels = tokenizer.Config.Levels;
        var counters = Enumerable.Range(0, levels).Select(_ => new Counter(maxDistance)).ToArray();
        foreach (var group in sites.GroupBy(s => s.Genome))
        {
            var genome = genomes[group.Key];
            var codes = genomeCodes?[group.Key] ?? tokenizer.Encode(genome.Sequence);
            foreach (var site in group)
                ForEachPosition(site, root.Length, maxDistance, (distance, a) =>
                {
                    int s = genome.ToSequence[a];
                    if (s < 0) return;
                    for (int l = 0; l < levels; l++) counters[l].Add(distance, codes[l][s] != reference[l][a], site.Isolated);
                });
        }
        return Enumerable.Range(0, levels).Select(l => counters[l].Curve(label, LevelName(l, levels), tokenizer.Config.LevelCodebookSize(l + 1), sites)).ToList();
    }

    /// <summary>The curve of a hand-made tokenizer (6-mer, BPE…), each site in its own window.</summary>
    public static TokenChangeCurve HandMade(string label, ITokenizer tokenizer, string root, IReadOnlyList<AlignedGenome> genomes,
        IReadOnlyList<MutationSite> sites, int maxDistance, int seed)
    {
        var counter = new Counter(maxDistance);
        var random = new Random(seed);
        foreach (var site in sites)
        {
            var genome = genomes[site.Genome];
            int jitter = random.Next(WindowMargin);
            int start = Math.Max(0, site.Index - maxDistance - WindowMargin + jitter);
            int end = Math.Min(root.Length, site.Index + maxDistance + WindowMargin + jitter + 1);
            var refCover = TokenCover.Of(tokenizer, root[start..end]);
            var (sequence, positions) = genome.Slice(start, end);
            var genCover = TokenCover.Of(tokenizer, sequence);
            var indexOf = new Dictionary<int, int>(positions.Length);
            for (int i = 0; i < positions.Length; i++) indexOf[positions[i]] = i;
            ForEachPosition(site, root.Length, maxDistance, (distance, a) =>
            {
                if (!indexOf.TryGetValue(a, out int i)) return;                          // deleted in the genome
                int r = a - start;
                bool changed = refCover.Ids[r] != genCover.Ids[i] || start + refCover.Starts[r] != positions[genCover.Starts[i]];
                counter.Add(distance, changed, site.Isolated);
            });
        }
        return counter.Curve(label, "tokens", tokenizer.VocabSize, sites);
    }

    /// <summary>"level 1 (coarse)", "level 2 (fine)", or "codes" for a one-level tokenizer.</summary>
    public static string LevelName(int level, int levels) =>
        levels == 1 ? "codes" : level == 0 ? "level 1 (coarse)" : level == levels - 1 ? $"level {level + 1} (fine)" : $"level {level + 1}";

    /// <summary>Calls <paramref name="visit"/>(distance, root index) for the site and the positions d bases either side.</summary>
    private static void ForEachPosition(MutationSite site, int length, int maxDistance, Action<int, int> visit)
    {
        visit(0, site.Index);
        for (int d = 1; d <= maxDistance; d++)
        {
            if (site.Index - d >= 0) visit(d, site.Index - d);
            if (site.Index + d < length) visit(d, site.Index + d);
        }
    }

    private sealed class Counter(int maxDistance)
    {
        private readonly long[] positions = new long[maxDistance + 1], changed = new long[maxDistance + 1];
        private readonly long[] isolatedPositions = new long[maxDistance + 1], isolatedChanged = new long[maxDistance + 1];

        public void Add(int distance, bool change, bool isolated)
        {
            positions[distance]++;
            if (change) changed[distance]++;
            if (!isolated) return;
            isolatedPositions[distance]++;
            if (change) isolatedChanged[distance]++;
        }

        public TokenChangeCurve Curve(string tokenizer, string level, int vocabulary, IReadOnlyList<MutationSite> sites) =>
            new(tokenizer, level, vocabulary, sites.Count, sites.Count(s => s.Isolated),
                Enumerable.Range(0, positions.Length).Select(d => new CurvePoint(d, positions[d], changed[d], isolatedPositions[d], isolatedChanged[d])).ToList());
    }
}
