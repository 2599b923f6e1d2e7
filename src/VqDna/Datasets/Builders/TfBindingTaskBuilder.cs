using VqDna.Sequences;
using VqDna.Sequences.Readers;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Transcription-factor binding, one binary task per motif. Positives: background windows with
/// one motif instance, sampled from the JASPAR count matrix, planted at a uniform position on a
/// random strand. Negatives: other, unplanted background windows chosen to match the planted
/// positives' G+C count one for one (<see cref="GcMatcher"/>), so composition alone does not
/// separate the classes (SP1 is GC-rich, FOXA1 AT-rich). The background (human chr20) is one
/// chromosome, so it is split by blocks with gaps wider than the window; windows never overlap
/// within a task.
/// </summary>
/// <param name="window">Window length (100 bp by default).</param>
/// <param name="perClass">Positives (and as many negatives) per split: train, dev, test.</param>
/// <param name="blockSize">Block length for splitting the background chromosome.</param>
public sealed class TfBindingTaskBuilder(int window = 100, (int Train, int Dev, int Test)? perClass = null, int blockSize = 1_000_000)
{
    /// <summary>
    /// The five default motifs (JASPAR 2016 ids): well-studied human factors from five families,
    /// with ChIP-seq-derived matrices and a spread of GC content and length: CTCF (zinc finger,
    /// 19 bp), SP1 (GC box), TP53 (p53 family, 18 bp), FOXA1 (forkhead, AT-rich), REST (21 bp).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultMotifs = ["MA0139.1", "MA0079.3", "MA0106.3", "MA0148.3", "MA0138.2"];

    /// <summary>Background candidates drawn per positive for GC matching.</summary>
    private const int PoolFactor = 5;

    private readonly (int Train, int Dev, int Test) _perClass = perClass ?? (5_000, 500, 500);

    /// <summary>The task folder name of a motif, e.g. tf_ctcf.</summary>
    public static string TaskName(JasparMatrix motif) => "tf_" + motif.Name.ToLowerInvariant().Replace(':', '_');

    /// <summary>Builds one task per motif id (in the order given) over the background file.</summary>
    public IReadOnlyList<BuiltTask> Build(string jasparPath, IReadOnlyList<string> motifIds, string backgroundPath, int seed, IProgress<TaskBuildProgress>? progress = null)
    {
        var all = JasparMatrix.ReadAll(jasparPath);
        var motifs = motifIds.Select(id => all.FirstOrDefault(m => m.Id == id)
            ?? throw new InvalidDataException($"{jasparPath}: no matrix with id '{id}' ({all.Count} matrices read)")).ToList();
        foreach (var m in motifs)
            if (m.Length > window) throw new InvalidDataException($"{jasparPath}: motif {m.Id} {m.Name} is {m.Length} bp, longer than the {window} bp window");

        progress?.Report(new TaskBuildProgress("tf", $"reading {Path.GetFileName(backgroundPath)}"));
        var sequences = SequenceFile.Read(backgroundPath).Select(r => r.Sequence).Where(s => s.Length >= window).ToList();
        if (sequences.Count == 0) throw new InvalidDataException($"{backgroundPath}: no record of at least {window} bp");
        var blocks = SplitPlanner.Blocks(sequences.Select(s => s.Length).ToList(), blockSize, 2 * window, SplitFractions.Default,
            TaskSeed.For(seed, "tf/background"), backgroundPath);

        var tasks = new List<BuiltTask>();
        foreach (var motif in motifs)
        {
            string name = TaskName(motif);
            progress?.Report(new TaskBuildProgress(name, $"planting {motif.Id} {motif.Name}"));
            var random = TaskSeed.For(seed, name);
            var splits = new List<LabelledSequence>[] { [], [], [] };
            for (int s = 0; s < 3; s++)
            {
                int n = s switch { 0 => _perClass.Train, 1 => _perClass.Dev, _ => _perClass.Test };
                var drawn = RegionWindows.Draw(RegionWindows.Tile(blocks[s], window, random), n * (PoolFactor + 1), sequences, random);
                if (drawn.Count < 2 * n)
                    throw new InvalidDataException($"{name}: the {GueTask.SplitNames[s]} split of {backgroundPath} has {drawn.Count} clean {window} bp windows, {2 * n} needed");
                var positives = drawn.Take(n).Select(w => Plant(w, motif, random)).ToList();
                var pool = drawn.Skip(n).ToList();
                var matched = GcMatcher.Match(positives, pool, $"{name} {GueTask.SplitNames[s]}");
                splits[s].AddRange(positives.Select(p => new LabelledSequence(p, 1)));
                splits[s].AddRange(matched.Select(i => new LabelledSequence(pool[i], 0)));
            }
            tasks.Add(BuiltTask.Create(name, new LabelSet(["background", "bound"]), splits, random,
                $"{window} bp windows of {Path.GetFileName(backgroundPath)}; bound: one {motif.Id} {motif.Name} instance sampled from the count matrix, " +
                $"planted at a uniform position on a random strand; background: unplanted windows matched one for one on G+C count; " +
                $"split by {blockSize:N0} bp blocks {2 * window} bp apart",
                [jasparPath, backgroundPath]));
        }
        return tasks;
    }

    /// <summary>Overwrites a uniformly placed stretch of <paramref name="background"/> with a sampled motif instance, on a random strand.</summary>
    private string Plant(string background, JasparMatrix motif, Random random)
    {
        var instance = motif.Sample(random);
        if (random.Next(2) == 1) instance = Nucleotides.ReverseComplement(instance);
        int at = random.Next(window - motif.Length + 1);
        return string.Concat(background.AsSpan(0, at), instance, background.AsSpan(at + motif.Length));
    }
}
