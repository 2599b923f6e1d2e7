using VqDna.Sequences.Readers;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Species classification after HyenaDNA: non-overlapping windows of each species' genome,
/// labelled with the species. Splits never share a sequence region: a species with three or more
/// usable records (chromosomes, contigs) gives whole records to each split; a species with one or
/// two (a single chromosome) is cut into blocks dealt to the splits, with gaps wider than the
/// longest window between blocks (see <see cref="SplitPlanner.Blocks"/>).
/// </summary>
/// <param name="configs">The window tasks to build from one pass over the genomes.</param>
/// <param name="blockSize">Block length for species split by blocks.</param>
/// <param name="fractions">Target split shares (whole-record assignment and block dealing).</param>
public sealed class SpeciesTaskBuilder(IReadOnlyList<SpeciesWindowConfig> configs, int blockSize = 1_000_000, SplitFractions? fractions = null)
{
    private readonly SplitFractions _fractions = fractions ?? SplitFractions.Default;

    /// <summary>Builds one task per config; every species is read once.</summary>
    public IReadOnlyList<BuiltTask> Build(IReadOnlyList<SpeciesSource> species, int seed, IProgress<TaskBuildProgress>? progress = null)
    {
        if (species.Count < 2) throw new ArgumentException($"species classification needs at least 2 species, got {species.Count}");
        if (configs.Count == 0) throw new ArgumentException("no window configs given");
        var labels = LabelSet.FromLabels(species.Select(s => s.Label));
        if (labels.Count != species.Count) throw new ArgumentException("species labels must be distinct");
        int longest = configs.Max(c => c.Window);
        var splits = configs.Select(_ => new List<LabelledSequence>[] { [], [], [] }).ToArray();
        foreach (var source in species)
        {
            progress?.Report(new TaskBuildProgress("species", $"reading {source.Label}"));
            // Identical records (a genome listed twice, transcripts sharing a region) are kept once,
            // or whole-record splitting could put the same sequence in two splits.
            var records = source.Files.SelectMany(f => SequenceFile.Read(f)).Select(r => r.Sequence).Where(s => s.Length >= longest)
                .Distinct(StringComparer.Ordinal).ToList();
            if (records.Count == 0)
                throw new InvalidDataException($"species '{source.Label}': no record of {string.Join(", ", source.Files)} is at least {longest:N0} bp long");
            var regions = PlanRegions(source.Label, records, longest, TaskSeed.For(seed, "species/" + source.Label));
            int label = labels.IndexOf(source.Label);
            for (int c = 0; c < configs.Count; c++)
            {
                var config = configs[c];
                var random = TaskSeed.For(seed, config.TaskName + "/" + source.Label);
                for (int s = 0; s < 3; s++)
                {
                    int need = config.PerClass(s);
                    var drawn = RegionWindows.Draw(RegionWindows.Tile(regions[s], config.Window, random), need, records, random);
                    if (drawn.Count < need)
                        throw new InvalidDataException($"{config.TaskName}: species '{source.Label}' has only {drawn.Count} clean non-overlapping " +
                            $"{config.Window:N0} bp windows in its {GueTask.SplitNames[s]} split, {need} needed; lower the count or add sequence");
                    splits[c][s].AddRange(drawn.Select(w => new LabelledSequence(w, label)));
                }
            }
        }
        var sources = species.SelectMany(s => s.Files.Select(f => $"{s.Label}: {f}")).ToList();
        return configs.Select((config, c) => BuiltTask.Create(config.TaskName, labels, splits[c], TaskSeed.For(seed, config.TaskName), 
            $"{config.Window:N0} bp windows of {species.Count} genomes, labelled by species; splits by whole record where a species has 3 or more, " +
            $"else by {blockSize:N0} bp blocks {2 * longest:N0} bp apart", sources)).ToList();
    }

    private List<GenomeRegion>[] PlanRegions(string label, List<string> records, int longest, Random random)
    {
        if (records.Count >= 3)
        {
            var split = SplitPlanner.AssignGroups(records.Select(r => (long)r.Length).ToList(), _fractions, $"records of '{label}'");
            var regions = new List<GenomeRegion>[] { [], [], [] };
            for (int r = 0; r < records.Count; r++) regions[split[r]].Add(new GenomeRegion(r, 0, records[r].Length));
            return regions;
        }
        // One or two records (a single chromosome): disjoint blocks, gaps of twice the longest window.
        return SplitPlanner.Blocks(records.Select(r => r.Length).ToList(), blockSize, 2 * longest, _fractions, random, $"species '{label}'");
    }
}
