namespace VqDna.Datasets.Builders;

/// <summary>
/// Splice junctions, 60 bp, classes ei (exon→intron, donor), ie (intron→exon, acceptor) and n
/// (neither): the UCI/StatLog primate data (<see cref="StatLogDna"/>). The data carries no
/// coordinates, so the split works on the sequences themselves: exact duplicates are kept once
/// (dropped altogether when their labels disagree), and examples sharing any 20-mer (windows of
/// one gene that overlap) are grouped and a group goes whole to one split. Groups are shuffled
/// and dealt to fill 80/10/10 within each class.
/// </summary>
/// <param name="kmer">Shared k-mer length that groups examples.</param>
public sealed class SpliceTaskBuilder(int kmer = 20)
{
    /// <summary>The task folder name.</summary>
    public const string TaskName = "splice_60";

    /// <summary>Exports <paramref name="rdaPath"/> with R (see <see cref="StatLogDna.ExportWithR"/>) and builds the task.</summary>
    public BuiltTask Build(string rdaPath, int seed, string rscript = "Rscript", IProgress<TaskBuildProgress>? progress = null)
    {
        progress?.Report(new TaskBuildProgress(TaskName, $"exporting {Path.GetFileName(rdaPath)} with R"));
        var csv = Path.Combine(Path.GetTempPath(), $"vqdna-statlog-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        try
        {
            StatLogDna.ExportWithR(rdaPath, csv, rscript);
            return Build(StatLogDna.ReadExport(csv), seed, rdaPath);
        }
        finally { File.Delete(csv); }
    }

    /// <summary>Builds the task from decoded rows; <paramref name="source"/> is recorded as provenance.</summary>
    public BuiltTask Build(IReadOnlyList<(string Sequence, string Label)> rows, int seed, string source)
    {
        var examples = Deduplicate(rows);
        var groups = Group(examples.Select(e => e.Sequence).ToList());
        var random = TaskSeed.For(seed, TaskName);
        TaskSeed.Shuffle(groups, random);
        var shares = SplitFractions.Default.ToArray();
        var splits = new List<LabelledSequence>[] { [], [], [] };
        var labels = new LabelSet(["ei", "ie", "n"]);
        // Stratified dealing: a group goes to the split furthest below its share of the group's classes.
        var perClass = new int[3, labels.Count];
        var seen = new int[labels.Count];
        foreach (var group in groups)
        {
            var classes = group.Select(i => labels.IndexOf(examples[i].Label)).ToList();
            foreach (int c in classes) seen[c]++;
            int best = 0;
            double bestDeficit = double.NegativeInfinity;
            for (int s = 0; s < 3; s++)
            {
                double deficit = classes.Sum(c => shares[s] * seen[c] - perClass[s, c]);
                if (deficit > bestDeficit) (best, bestDeficit) = (s, deficit);
            }
            foreach (int c in classes) perClass[best, c]++;
            splits[best].AddRange(group.Select(i => new LabelledSequence(examples[i].Sequence, labels.IndexOf(examples[i].Label))));
        }
        return BuiltTask.Create(TaskName, labels, splits, random,
            $"UCI/StatLog primate splice junctions, 60 bp; exact duplicates removed; examples sharing a {kmer}-mer kept in one split; 80/10/10 by group",
            [source]);
    }

    private static List<(string Sequence, string Label)> Deduplicate(IReadOnlyList<(string Sequence, string Label)> rows)
    {
        var labelOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (sequence, label) in rows)
            labelOf[sequence] = labelOf.TryGetValue(sequence, out var known) && known != label ? null : label;
        var kept = new List<(string, string)>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (sequence, _) in rows)
            if (labelOf[sequence] is { } label && done.Add(sequence)) kept.Add((sequence, label));
        return kept;
    }

    /// <summary>Connected components of "shares a k-mer", each as a list of example indices in ascending order.</summary>
    private List<List<int>> Group(List<string> sequences)
    {
        var parent = Enumerable.Range(0, sequences.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < sequences.Count; i++)
            for (int j = 0; j + kmer <= sequences[i].Length; j++)
            {
                var key = sequences[i].Substring(j, kmer);
                if (firstSeen.TryGetValue(key, out int other)) parent[Find(i)] = Find(other);
                else firstSeen[key] = i;
            }
        var groups = new Dictionary<int, List<int>>();
        for (int i = 0; i < sequences.Count; i++)
        {
            int root = Find(i);
            if (!groups.TryGetValue(root, out var list)) groups[root] = list = [];
            list.Add(i);
        }
        return groups.Values.ToList();
    }
}
