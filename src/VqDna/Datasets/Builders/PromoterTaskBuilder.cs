using System.Globalization;
using System.Text.RegularExpressions;
using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Promoter vs non-promoter. Positives: the last <c>window</c> bases of each upstream record
/// (dm3_upstream2000: each record is the 2 kb upstream of a RefSeq transcript start, already in
/// transcript orientation, so its last bases are the core promoter), identical sequences kept
/// once (transcripts sharing a start). They are split by chromosome (whole chromosomes per split,
/// <see cref="SplitPlanner.AssignGroups"/>). Negatives: windows of the background chromosome
/// (fly chr2R) overlapping none of the upstream records, as many as positives in each split; the
/// background is one chromosome, so it is split by blocks with gaps wider than the window, in the
/// shares the positives' chromosomes came out at.
/// </summary>
/// <param name="window">Promoter length (300 bp by default).</param>
/// <param name="blockSize">Block length for the background chromosome.</param>
public sealed partial class PromoterTaskBuilder(int window = 300, int blockSize = 500_000)
{
    /// <summary>The task folder name, e.g. promoter_300.</summary>
    public string TaskName => $"promoter_{window}";

    /// <summary>
    /// Builds the task. Upstream records carry their coordinates in the description
    /// ("chr2R:8394842-8396841", 1-based inclusive, as dm3_upstream2000 writes them). Background
    /// records are named by chromosome ("chr2R") or by a region of one ("chr2R:8300001-8400000"),
    /// and must use the same assembly (dm3).
    /// </summary>
    public BuiltTask Build(string upstreamPath, string backgroundPath, int seed, IProgress<TaskBuildProgress>? progress = null)
    {
        progress?.Report(new TaskBuildProgress(TaskName, $"reading {Path.GetFileName(upstreamPath)}"));
        var upstream = ReadUpstream(upstreamPath);
        var positivesByChromosome = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in upstream)
        {
            var promoter = u.Sequence[^window..];
            if (!RegionWindows.IsClean(promoter) || !seen.Add(promoter)) continue;
            if (!positivesByChromosome.TryGetValue(u.Chromosome, out var list)) positivesByChromosome[u.Chromosome] = list = [];
            list.Add(promoter);
        }
        var chromosomes = positivesByChromosome.Keys.ToList();
        var chromosomeSplit = SplitPlanner.AssignGroups(chromosomes.Select(c => (long)positivesByChromosome[c].Count).ToList(), SplitFractions.Default,
            $"{upstreamPath}: chromosomes with promoters");
        var positives = new List<string>[] { [], [], [] };
        for (int c = 0; c < chromosomes.Count; c++) positives[chromosomeSplit[c]].AddRange(positivesByChromosome[chromosomes[c]]);

        progress?.Report(new TaskBuildProgress(TaskName, $"reading {Path.GetFileName(backgroundPath)}"));
        var background = SequenceFile.Read(backgroundPath).ToList();
        var sequences = background.Select(r => r.Sequence).ToList();
        var excluded = background.Select((r, i) => UpstreamIntervals(r.Id, backgroundPath, upstream)).ToList();
        if (excluded.All(e => e.Count == 0))
            throw new InvalidDataException($"{backgroundPath}: no upstream record of {upstreamPath} lies on its chromosome(s) " +
                $"({string.Join(", ", background.Select(r => r.Id))}); the background must be a chromosome the upstream records annotate");

        var random = TaskSeed.For(seed, TaskName);
        double total = positives.Sum(p => p.Count);
        var shares = new SplitFractions(positives[0].Count / total, positives[1].Count / total, positives[2].Count / total);
        var blocks = SplitPlanner.Blocks(sequences.Select(s => s.Length).ToList(), blockSize, 2 * window, shares, random, backgroundPath);
        var labels = new LabelSet(["non_promoter", "promoter"]);
        var splits = new List<LabelledSequence>[] { [], [], [] };
        for (int s = 0; s < 3; s++)
        {
            var free = blocks[s].SelectMany(g => RegionWindows.Uncovered(g.Start, g.End, excluded[g.Record]).Select(i => new GenomeRegion(g.Record, i.Start, i.End)));
            var negatives = RegionWindows.Draw(RegionWindows.Tile(free, window, random), positives[s].Count, sequences, random);
            TaskSeed.Shuffle(positives[s], random);
            int n = Math.Min(negatives.Count, positives[s].Count);
            splits[s].AddRange(positives[s].Take(n).Select(p => new LabelledSequence(p, 1)));
            splits[s].AddRange(negatives.Take(n).Select(w => new LabelledSequence(w, 0)));
        }
        var bySplit = GueTask.SplitNames.Select((name, s) => $"{name}: {string.Join(" ", chromosomes.Where((_, c) => chromosomeSplit[c] == s))}");
        return BuiltTask.Create(TaskName, labels, splits, random,
            $"promoter: last {window} bp of each distinct upstream-2000 record, split by chromosome ({string.Join("; ", bySplit)}); " +
            $"non_promoter: {window} bp background windows overlapping no upstream record, split by {blockSize:N0} bp blocks {2 * window} bp apart; balanced",
            [upstreamPath, backgroundPath]);
    }

    /// <summary>An upstream record: its chromosome, 0-based half-open span, and sequence.</summary>
    private readonly record struct Upstream(string Chromosome, int Start, int End, string Sequence);

    private List<Upstream> ReadUpstream(string path)
    {
        var list = new List<Upstream>();
        foreach (var record in SequenceFile.Read(path))
        {
            (string chromosome, int start, int end) = ParseRegion(record.Description, path, record.Id)
                ?? throw new InvalidDataException($"{path}, record '{record.Id}': description '{record.Description}' is not a region 'chrom:start-end' (dm3_upstream2000 layout)");
            start = Math.Max(start, 0); // a region that runs off the chromosome's start holds only the bases from 1 on
            if (end - start != record.Length)
                throw new InvalidDataException($"{path}, record '{record.Id}': region {record.Description} spans {end - start} bp but the sequence has {record.Length}");
            if (record.Length < window)
                throw new InvalidDataException($"{path}, record '{record.Id}': {record.Length} bp, shorter than the {window} bp promoter");
            list.Add(new Upstream(chromosome, start, end, record.Sequence));
        }
        if (list.Count == 0) throw new InvalidDataException($"{path}: no upstream records");
        return list;
    }

    /// <summary>The merged upstream spans on background record <paramref name="id"/>, in its own coordinates.</summary>
    private static List<(int Start, int End)> UpstreamIntervals(string id, string path, List<Upstream> upstream)
    {
        var (chromosome, offset, _) = ParseRegion(id, path, id) ?? (id, 0, int.MaxValue);
        return RegionWindows.Merge(upstream.Where(u => u.Chromosome == chromosome).Select(u => (u.Start - offset, u.End - offset)));
    }

    /// <summary>Parses "chrom:start-end" (1-based inclusive) into a 0-based half-open span; null when it is not one.</summary>
    private static (string Chromosome, int Start, int End)? ParseRegion(string text, string path, string record)
    {
        var m = RegionPattern().Match(text.Trim());
        if (!m.Success) return null;
        if (!int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out int start) || !int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out int end) || end < start)
            throw new InvalidDataException($"{path}, record '{record}': bad region '{text}'");
        return (m.Groups[1].Value, start - 1, end);
    }

    // The start may be negative: dm3_upstream2000 keeps regions that run off a chromosome's start.
    [GeneratedRegex(@"^([^:\s]+):(-?\d+)-(-?\d+)$")]
    private static partial Regex RegionPattern();
}
