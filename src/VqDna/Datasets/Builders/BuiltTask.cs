using System.Text.Json;
using VqDna.IO;

namespace VqDna.Datasets.Builders;

/// <summary>A task a builder produced, with what it was made from (saved as task.json beside the CSVs).</summary>
/// <param name="Task">The GUE-layout task.</param>
/// <param name="Description">How positives, negatives and splits were made, in one or two sentences.</param>
/// <param name="Sources">The input files (package and path, or file path).</param>
public sealed record BuiltTask(GueTask Task, string Description, IReadOnlyList<string> Sources)
{
    /// <summary>The provenance file written beside train/dev/test.csv.</summary>
    public const string ProvenanceFileName = "task.json";

    /// <summary>
    /// Makes a task from per-split examples, shuffling each split with <paramref name="random"/>
    /// so classes interleave (rows are otherwise grouped by how they were drawn).
    /// </summary>
    public static BuiltTask Create(string name, LabelSet labels, List<LabelledSequence>[] splits, Random random, string description, IReadOnlyList<string> sources)
    {
        foreach (var split in splits) TaskSeed.Shuffle(split, random);
        return new BuiltTask(new GueTask(name, labels, splits[0], splits[1], splits[2]), description, sources);
    }

    /// <summary>Examples per class in each split: [split][class].</summary>
    public int[][] ClassCounts()
    {
        IReadOnlyList<LabelledSequence>[] splits = [Task.Train, Task.Dev, Task.Test];
        return splits.Select(s =>
        {
            var counts = new int[Task.Labels.Count];
            foreach (var e in s) counts[e.Label]++;
            return counts;
        }).ToArray();
    }

    /// <summary>Writes train/dev/test.csv, labels.json and task.json into <paramref name="folder"/>.</summary>
    public void Save(string folder, int seed)
    {
        Task.Save(folder);
        var counts = ClassCounts();
        var provenance = new
        {
            name = Task.Name,
            seed,
            vqdna_version = typeof(BuiltTask).Assembly.GetName().Version?.ToString(3),
            window = Task.Train.Count > 0 ? Task.Train[0].Sequence.Length : 0,
            description = Description,
            sources = Sources,
            counts = GueTask.SplitNames.Select((s, i) => new { split = s, per_class = Task.Labels.Names.Zip(counts[i]).ToDictionary(p => p.First, p => p.Second) }),
        };
        AtomicFile.WriteAllText(Path.Combine(folder, ProvenanceFileName),
            JsonSerializer.Serialize(provenance, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
