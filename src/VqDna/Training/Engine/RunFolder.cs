using System.Text.Json;
using VqDna.IO;
using VqDna.Torch.Distributed;

namespace VqDna.Training.Engine;

/// <summary>
/// The output folder of one training run, held for the run's lifetime: an exclusive lock (so two runs never
/// interleave checkpoints in one folder), the settings file that a resume must match, and the fingerprint
/// of the training data that a resume must match too.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The lock file held for the run's lifetime.</summary>
    public const string LockFile = ".lock";
    /// <summary>The process id of the lock's holder, for the error a second run shows.</summary>
    public const string OwnerFile = ".lock-owner";
    /// <summary>The run's settings, which a resume must match.</summary>
    public const string SettingsFile = "training.json";
    /// <summary>The training data's fingerprint, which a resume must match.</summary>
    public const string DataFile = "data.json";
    /// <summary>The checkpoint a run resumes from.</summary>
    public const string CheckpointFile = OutputGuard.ResumeFile;
    /// <summary>The per-step metrics log.</summary>
    public const string MetricsFile = "metrics.jsonl";
    /// <summary>The finished run's record: settings, results, environment.</summary>
    public const string RunFile = "run.json";

    private readonly FileStream? lockStream;

    private RunFolder(string directory, FileStream? lockStream) => (Directory, this.lockStream) = (directory, lockStream);

    /// <summary>The folder's path.</summary>
    public string Directory { get; }

    /// <summary>
    /// False for the other ranks of a data-parallel run: they name the folder but neither lock, read nor write
    /// it (rank 0 does, and broadcasts what they need), so ranks on one machine never collide in it.
    /// </summary>
    public bool IsWriter => lockStream is not null;

    /// <summary>The path of <paramref name="file"/> in the folder.</summary>
    public string PathOf(string file) => System.IO.Path.Combine(Directory, file);

    /// <summary>True when the folder holds a checkpoint to resume from.</summary>
    public bool HasCheckpoint => HoldsCheckpoint(Directory);

    /// <summary>
    /// Creates or opens <paramref name="directory"/> and locks it. The lock is an flock on .lock (taken by .NET
    /// for FileShare.None), released by the kernel when the process dies, so a killed run never blocks the next.
    /// </summary>
    public static RunFolder Open(string directory)
    {
        if (File.Exists(directory)) throw new IOException($"output folder '{directory}' is a file");
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, LockFile);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string holder = "";
            try { holder = File.ReadAllText(System.IO.Path.Combine(directory, OwnerFile)).Trim(); } catch (IOException) { }
            throw new IOException($"another run is using '{directory}'{(holder.Length > 0 ? $" (process {holder})" : "")}; " +
                "wait for it to finish or choose another output folder");
        }
        // The locked file cannot be read by others (the flock covers reads too): the owner goes beside it.
        File.WriteAllText(System.IO.Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RunFolder(directory, stream);
    }

    /// <summary>The folder as a data-parallel rank other than 0 sees it: named, never locked, read or written.</summary>
    public static RunFolder Follow(string directory) => new(directory, null);

    /// <summary>
    /// Opens and locks the folder, then checks that a checkpoint in it belongs to these settings and data. On a
    /// rank other than 0 of <paramref name="group"/> it returns a folder that is not the writer.
    /// </summary>
    public static RunFolder Begin<T>(string directory, T settings, DataFingerprint data, bool allowDataChange, ProcessGroup? group = null)
    {
        if (group is { IsMain: false }) return Follow(directory);
        var folder = Open(directory);
        try
        {
            folder.CheckSettings(settings);
            folder.CheckData(data, allowDataChange);
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint a run would resume from (or refuse).</summary>
    public static bool HoldsCheckpoint(string directory) => File.Exists(Path.Combine(directory, CheckpointFile));

    /// <summary>
    /// Throws what <see cref="Begin{T}"/> would throw for a checkpoint of another run (other settings or data) in
    /// <paramref name="directory"/>, without creating, locking or writing anything: a command that trains one run after
    /// another (`vqdna finetune --baselines cnn`) asks before the first, so a later run's refusal costs seconds, not the
    /// first run's hours.
    /// </summary>
    public static void CheckResumable<T>(string directory, T settings, DataFingerprint data, bool allowDataChange)
    {
        var folder = new RunFolder(directory, null);
        folder.CompareSettings(settings);
        folder.CompareData(data, allowDataChange);
    }

    /// <summary>
    /// A folder holding another run's checkpoint must not be silently continued with different settings:
    /// the settings are compared as JSON with those the checkpoint was made with, read back as this version writes them
    /// (<see cref="AsWrittenNow{T}"/>), so a setting added since, at its default, is not a difference. Settings with an
    /// <see cref="IStepBudget{TSelf}"/> may raise the step budget (the run is extended), never lower it.
    /// </summary>
    public void CheckSettings<T>(T settings) => AtomicFile.WriteAllText(PathOf(SettingsFile), CompareSettings(settings) + "\n");

    /// <summary>The check of <see cref="CheckSettings{T}"/> alone; returns the settings as JSON.</summary>
    private string CompareSettings<T>(T settings)
    {
        var path = PathOf(SettingsFile);
        var json = JsonSerializer.Serialize(settings, JsonFiles.Options).Trim();
        if (File.Exists(path) && HasCheckpoint)
        {
            var stored = File.ReadAllText(path);
            if (AsWrittenNow<T>(stored) != json && !Extends(settings, stored, json, path))
                throw new InvalidOperationException($"'{Directory}' holds a checkpoint of a run with other settings (see {path}); " +
                    "use another output folder, or delete the checkpoint to start over");
        }
        return json;
    }

    /// <summary>
    /// True when <paramref name="settings"/> differ from the stored ones only by a larger step budget; throws, naming
    /// both budgets, when they differ only by a smaller one (the checkpoint may already be past it).
    /// </summary>
    private bool Extends<T>(T settings, string stored, string json, string path)
    {
        if (settings is not IStepBudget<T> budget) return false;
        T? previous;
        try { previous = JsonSerializer.Deserialize<T>(stored, JsonFiles.Options); }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException) { return false; }
        if (previous is not IStepBudget<T> old || old.StepBudget == budget.StepBudget) return false;
        if (JsonSerializer.Serialize(old.WithStepBudget(budget.StepBudget), JsonFiles.Options).Trim() != json) return false;
        if (budget.StepBudget < old.StepBudget)
            throw new InvalidOperationException($"'{Directory}' holds a checkpoint of a run of {old.StepBudget} steps (see {path}); " +
                $"it can be extended with more steps, not cut to {budget.StepBudget}: use another output folder, or delete the checkpoint to start over");
        return true;
    }

    /// <summary>
    /// Stored settings re-serialized through <typeparamref name="T"/>: a field the file lacks (written before the field
    /// existed, e.g. the tokenizer's stride) takes its default, as it did when the file was written. Unreadable text is
    /// compared as it is, so it differs.
    /// </summary>
    private static string AsWrittenNow<T>(string stored)
    {
        try { return JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(stored, JsonFiles.Options), JsonFiles.Options).Trim(); }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException) { return stored.Trim(); }
    }

    /// <summary>
    /// A resume on other data would silently mix two corpora: refuse it unless <paramref name="allowChange"/>
    /// (then the new fingerprint replaces the old one).
    /// </summary>
    public void CheckData(DataFingerprint data, bool allowChange)
    {
        CompareData(data, allowChange);
        JsonFiles.Write(PathOf(DataFile), data);
    }

    /// <summary>The check of <see cref="CheckData"/> alone.</summary>
    private void CompareData(DataFingerprint data, bool allowChange)
    {
        var path = PathOf(DataFile);
        if (File.Exists(path) && HasCheckpoint)
        {
            var previous = JsonFiles.Read<DataFingerprint>(path);
            if (!allowChange && previous.Digest != data.Digest)
                throw new InvalidOperationException($"'{Directory}' holds a checkpoint trained on other data ({previous.Describe()}; now {data.Describe()}); " +
                    "give the same files, use another output folder, or pass --allow-data-change to continue on the new data");
        }
    }

    /// <summary>
    /// Removes what a finished run no longer needs (issue 20: finished folders kept checkpoint.safetensors, larger
    /// than the model, and the lock files): the checkpoint, <paramref name="extraFiles"/> (a best-model copy), and
    /// .lock/.lock-owner. Call after the run's folder is disposed; only rank 0 of a data-parallel run removes anything.
    /// A later run with a larger budget then starts over; keep the checkpoint to extend a run instead.
    /// </summary>
    public static void RemoveTrainingState(string directory, ProcessGroup? group, params string[] extraFiles)
    {
        if (group is { IsMain: false }) return;
        foreach (var file in new[] { CheckpointFile }.Concat(extraFiles).Concat([OwnerFile, LockFile]))
        {
            var path = System.IO.Path.Combine(directory, file);
            if (File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>
    /// Ends a run the same way in every trainer: the writer (rank 0) writes the run's files with
    /// <paramref name="writeFiles"/>, then every rank of <paramref name="group"/> waits for it, so the job
    /// ends only when the files are there.
    /// </summary>
    public void Complete(ProcessGroup? group, Action writeFiles)
    {
        if (IsWriter) writeFiles();
        group?.barrier();
    }

    /// <summary>Writes run.json: what produced the folder's model and how good it is.</summary>
    public void WriteRunRecord<T>(T record) => JsonFiles.Write(PathOf(RunFile), record);

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        lockStream?.Dispose();
    }
}
