using VqDna.Sequences.Readers;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Coding vs intergenic from GenBank annotations. A coding window is covered entirely by CDS
/// segments (either strand; overlapping CDSs merged); an intergenic window overlaps no CDS and no gene feature on either
/// strand. Windows are read off the record's forward strand for both classes, so strand carries
/// no label information. Every clean intergenic window of a split is used and as many coding
/// windows are drawn (balanced classes). A file with three or more records splits by record;
/// a single genome splits by blocks with gaps wider than the window.
/// </summary>
/// <param name="window">Window length (200 bp by default).</param>
/// <param name="blockSize">Block length when one genome is split by blocks.</param>
/// <param name="fractions">Target split shares.</param>
public sealed class CodingTaskBuilder(int window = 200, int blockSize = 100_000, SplitFractions? fractions = null)
{
    private readonly SplitFractions _fractions = fractions ?? SplitFractions.Default;

    /// <summary>The task folder name, e.g. coding_200.</summary>
    public string TaskName => $"coding_{window}";

    /// <summary>
    /// Reads the GenBank file <paramref name="genBankPath"/> and cuts balanced coding and intergenic windows into train, dev and test,
    /// drawn with <paramref name="seed"/>.
    /// </summary>
    public BuiltTask Build(string genBankPath, int seed, IProgress<TaskBuildProgress>? progress = null)
    {
        progress?.Report(new TaskBuildProgress(TaskName, $"reading {Path.GetFileName(genBankPath)}"));
        var records = SequenceFile.Read(genBankPath).ToList();
        var cds = records.Select(r => RegionWindows.Merge(r.Features.Where(f => f.Kind == "CDS").SelectMany(f => f.Segments).Select(s => (s.Start, s.End)))).ToList();
        if (cds.All(c => c.Count == 0))
            throw new InvalidDataException($"{genBankPath}: no CDS features; the coding task needs an annotated GenBank file");
        // Intergenic excludes the whole span of every CDS and gene (introns of joined genes included).
        var annotated = records.Select(r => RegionWindows.Merge(r.Features.Where(f => f.Kind is "CDS" or "gene").Select(f => (f.Start, f.End)))).ToList();
        var sequences = records.Select(r => r.Sequence).ToList();

        var random = TaskSeed.For(seed, TaskName);
        var regions = records.Count >= 3
            ? ByRecord(sequences)
            : SplitPlanner.Blocks(sequences.Select(s => s.Length).ToList(), blockSize, 2 * window, _fractions, random, genBankPath);
        var labels = new LabelSet(["coding", "intergenic"]);
        var splits = new List<LabelledSequence>[] { [], [], [] };
        for (int s = 0; s < 3; s++)
        {
            var intergenic = regions[s].SelectMany(g => RegionWindows.Uncovered(g.Start, g.End, annotated[g.Record]).Select(i => new GenomeRegion(g.Record, i.Start, i.End)));
            var coding = regions[s].SelectMany(g => RegionWindows.Covered(g.Start, g.End, cds[g.Record]).Select(i => new GenomeRegion(g.Record, i.Start, i.End)));
            var negatives = RegionWindows.Draw(RegionWindows.Tile(intergenic, window, random), int.MaxValue, sequences, random);
            var positives = RegionWindows.Draw(RegionWindows.Tile(coding, window, random), negatives.Count, sequences, random);
            int n = Math.Min(negatives.Count, positives.Count);
            if (n == 0) throw new InvalidDataException($"{genBankPath}: the {GueTask.SplitNames[s]} split has no clean {window} bp {(negatives.Count == 0 ? "intergenic" : "coding")} window");
            splits[s].AddRange(positives.Take(n).Select(w => new LabelledSequence(w, 0)));
            splits[s].AddRange(negatives.Take(n).Select(w => new LabelledSequence(w, 1)));
        }
        return BuiltTask.Create(TaskName, labels, splits, random,
            $"{window} bp windows inside a CDS (coding) or overlapping no CDS/gene on either strand (intergenic), forward strand, balanced; " +
            (records.Count >= 3 ? "split by record" : $"split by {blockSize:N0} bp blocks {2 * window} bp apart"),
            [genBankPath]);
    }

    private List<GenomeRegion>[] ByRecord(List<string> sequences)
    {
        var split = SplitPlanner.AssignGroups(sequences.Select(s => (long)s.Length).ToList(), _fractions, "GenBank records");
        var regions = new List<GenomeRegion>[] { [], [], [] };
        for (int r = 0; r < sequences.Count; r++) regions[split[r]].Add(new GenomeRegion(r, 0, sequences[r].Length));
        return regions;
    }
}
