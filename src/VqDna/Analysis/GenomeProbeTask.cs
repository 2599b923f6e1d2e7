using VqDna.Datasets;
using VqDna.Sequences.Readers;

namespace VqDna.Analysis;

/// <summary>
/// A genome-classification probe task from the embedded genomes: which file does a window come from.
/// Windows of each record are cut from disjoint regions: train [0, 70%), dev [75%, 85%), test [90%, 100%),
/// so no split shares sequence with another; at most <c>perClass</c> windows per class and split, seeded.
/// </summary>
public static class GenomeProbeTask
{
    /// <summary>Window length when none is given: the tiny tokenizer's training window.</summary>
    public const int DefaultWindow = 256;

    /// <summary>Windows per class and split when none are given.</summary>
    public const int DefaultPerClass = 120;

    /// <summary>
    /// Builds the task from <paramref name="files"/> (one class per file, named by the file name before its first dot): windows of
    /// <paramref name="window"/> bases, at most <paramref name="perClass"/> per class and split, drawn with <paramref name="seed"/>.
    /// </summary>
    public static GueTask Build(IReadOnlyList<string> files, int window = DefaultWindow, int perClass = DefaultPerClass, int seed = 0)
    {
        var random = new Random(seed);
        var names = files.Select(f => Path.GetFileName(f).Split('.')[0]).ToList();
        var bounds = new[] { (0.0, 0.70), (0.75, 0.85), (0.90, 1.0) };
        var splits = bounds.Select(_ => new List<LabelledSequence>()).ToArray();
        for (int label = 0; label < files.Count; label++)
        {
            var records = SequenceFile.Read(files[label]).Select(r => r.Sequence).Where(s => s.Length >= window * 10).ToList();
            if (records.Count == 0) records = SequenceFile.Read(files[label]).Select(r => r.Sequence).Where(s => s.Length >= window).ToList();
            for (int split = 0; split < 3; split++)
            {
                var candidates = new List<string>();
                foreach (var sequence in records)
                {
                    int start = (int)(sequence.Length * bounds[split].Item1), end = (int)(sequence.Length * bounds[split].Item2);
                    for (int p = start; p + window <= end; p += window)
                    {
                        var w = sequence.Substring(p, window);
                        if (w.Count(c => c == 'N') < window / 10) candidates.Add(w);
                    }
                }
                foreach (var w in candidates.OrderBy(_ => random.Next()).Take(perClass)) splits[split].Add(new LabelledSequence(w, label));
            }
        }
        return new GueTask("embedded-genomes", new LabelSet(names), splits[0], splits[1], splits[2]);
    }
}
