using VqDna.Datasets;

namespace VqDna.Training.Engine;

/// <summary>The fingerprint of a labelled task's three splits (labels and sequences), so a resume on another task is refused.</summary>
public static class TaskFingerprint
{
    /// <summary>The fingerprint of <paramref name="task"/>'s train, dev and test splits, in that order.</summary>
    public static DataFingerprint Of(GueTask task)
    {
        var files = new List<FileFingerprint>();
        foreach (var (name, split) in new[] { ("train", task.Train), ("dev", task.Dev), ("test", task.Test) })
        {
            using var builder = new FingerprintBuilder();
            foreach (var s in split) builder.Add(task.Labels.Names[s.Label], s.Sequence);
            files.Add(builder.Finish(name + ".csv") with { Bytes = null, Rows = split.Count });
        }
        return DataFingerprint.Of(files);
    }
}
