using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace VqDna.Torch.Serialization;

/// <summary>
/// The temporary files this process is writing (<see cref="AtomicFileStream"/>), deleted when SIGINT or SIGTERM
/// ends it: .NET runs no finally blocks then, so Ctrl-C during `vqdna tokenize` left a 0-byte NAME.tmp-PID
/// (issue 19). The signal still ends the process as before; only the cleanup is added.
/// </summary>
internal static class PendingTempFiles
{
    private static readonly ConcurrentDictionary<string, byte> Files = new();
    private static int installed;
    // Kept alive for the life of the process: a collected registration would unregister the handler.
    private static PosixSignalRegistration? interrupt, terminate;

    /// <summary>Remembers <paramref name="path"/> until <see cref="Remove"/>.</summary>
    public static void Add(string path)
    {
        Install();
        Files.TryAdd(path, 0);
    }

    /// <summary>Forgets <paramref name="path"/> (renamed into place, or deleted).</summary>
    public static void Remove(string path) => Files.TryRemove(path, out _);

    private static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        if (OperatingSystem.IsWindows()) return;
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => DeleteAll());
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => DeleteAll());
    }

    private static void DeleteAll()
    {
        foreach (var path in Files.Keys)
        {
            try { File.Delete(path); }
            catch (IOException) { }                   // best effort: the next run's stale-file sweep remains
            catch (UnauthorizedAccessException) { }
        }
    }
}
