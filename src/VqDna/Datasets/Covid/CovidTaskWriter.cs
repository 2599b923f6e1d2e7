using System.Runtime.InteropServices;
using VqDna.Datasets;

namespace VqDna.Datasets.Covid;

/// <summary>
/// Cuts the variant task from split genomes: windows of <see cref="CovidTaskConfig.Window"/> bases tiled from a
/// seeded random offset per genome (so windows of different genomes do not all start at the same positions),
/// every window labelled with its genome's variant and placed in its genome's split. Windows holding an N are
/// skipped. Rows are shuffled within each split.
/// </summary>
public static class CovidTaskWriter
{
    /// <summary>Builds the task in memory.</summary>
    public static GueTask Build(IReadOnlyList<VariantGenome> genomes, string root, CovidTaskConfig config)
    {
        config.Validate();
        var labels = new LabelSet(VariantCatalog.Variants.Select(v => v.Name).ToList());
        var splits = GueTask.SplitNames.ToDictionary(s => s, _ => new List<LabelledSequence>());
        foreach (var genome in genomes.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            int label = labels.IndexOf(genome.Variant);
            if (label < 0) throw new ArgumentException($"genome '{genome.Name}' has variant '{genome.Variant}', not one of {string.Join(", ", labels.Names)}");
            var sequence = genome.Genome.Sequence(root);
            foreach (var window in Windows(sequence, config, GenomeSplitter.StableSeed(config.Seed, genome.Name)))
                splits[genome.Split].Add(new LabelledSequence(window, label));
        }
        foreach (var (name, rows) in splits) new Random(GenomeSplitter.StableSeed(config.Seed, name)).Shuffle(CollectionsMarshal.AsSpan(rows));
        return new GueTask(config.TaskName, labels, splits["train"], splits["dev"], splits["test"]);
    }

    /// <summary>The windows of one genome: tiled from a random offset, then (when asked) a random subset in genome order.</summary>
    public static List<string> Windows(string sequence, CovidTaskConfig config, int seed)
    {
        var random = new Random(seed);
        int w = config.Window;
        var windows = new List<string>();
        if (sequence.Length < w) return windows;
        int offset = random.Next(Math.Min(w, sequence.Length - w + 1));
        for (int start = offset; start + w <= sequence.Length; start += w)
        {
            var window = sequence.Substring(start, w);
            if (!window.Contains('N')) windows.Add(window);
        }
        if (config.WindowsPerGenome > 0 && windows.Count > config.WindowsPerGenome)
        {
            var keep = Enumerable.Range(0, windows.Count).ToArray();
            random.Shuffle(keep);
            windows = keep.Take(config.WindowsPerGenome).Order().Select(i => windows[i]).ToList();
        }
        return windows;
    }

    /// <summary>Writes the task folder under <paramref name="parent"/>: built beside it, then renamed into place, so a half-written task never exists.</summary>
    public static string Write(GueTask task, string parent)
    {
        var target = Path.Combine(parent, task.Name);
        var temp = Path.Combine(parent, $".{task.Name}.tmp-{Environment.ProcessId}");
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        task.Save(temp);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(temp, target);
        return target;
    }
}
