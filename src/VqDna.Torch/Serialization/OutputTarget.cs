using System.Globalization;

namespace VqDna.Torch.Serialization;

/// <summary>
/// Where the bytes written "to a path" really go, decided once for every writer (issue 7):
/// <list type="bullet">
/// <item>"-" is standard output, written through.</item>
/// <item>A FIFO, a character or block device or a socket is written through: renaming a temporary file over it
/// would replace it (as root, `-o /dev/null` destroyed the device node).</item>
/// <item>A symbolic link is followed to its final target, and the temporary file is made and renamed beside that
/// target, so the link survives and points at the new contents. A link to nothing is an error.</item>
/// <item>A regular file, or nothing yet, gets a temporary file beside it, renamed over it on commit.</item>
/// <item>A directory is an error that says so.</item>
/// </list>
/// Temporary files are named <c>NAME.tmp-PID</c>; those left by dead processes are deleted on the next write
/// into the same folder.
/// </summary>
/// <param name="Path">The path to open: the final target of any symbolic link.</param>
/// <param name="WriteThrough">Write directly to <see cref="Path"/> (standard output, FIFO, device), no temporary file.</param>
public sealed record OutputTarget(string Path, bool WriteThrough)
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>How long a dead process's temporary file must have been untouched before it is deleted.</summary>
    /// <remarks>A process in another PID namespace (another container sharing the folder) looks dead from here;
    /// a live writer keeps touching its file, so an old file of a "dead" PID is safe to remove.</remarks>
    public static readonly TimeSpan StaleAge = TimeSpan.FromSeconds(60);

    private const string TempMarker = ".tmp-";

    /// <summary>True for standard output.</summary>
    public bool IsStandardOutput => Path == StandardOutput;

    /// <summary>Decides where writes to <paramref name="path"/> go.</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, or a symbolic link loop.</exception>
    public static OutputTarget Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == StandardOutput) return new OutputTarget(StandardOutput, WriteThrough: true);
        var full = System.IO.Path.GetFullPath(path);
        if (FileIdentity.Of(full, followLinks: false) is { Kind: FileKind.SymbolicLink })
        {
            var final = File.ResolveLinkTarget(full, returnFinalTarget: true)
                ?? throw new IOException($"cannot resolve the symbolic link '{path}'");
            full = System.IO.Path.GetFullPath(final.FullName);
            // A dangling link would make the missing target's folders wherever it points (issue 19).
            if (FileIdentity.Of(full) is null)
                throw new IOException($"'{path}' is a symbolic link to '{full}', which does not exist; give the target itself or remove the link");
        }
        return FileIdentity.Of(full)?.Kind switch
        {
            null or FileKind.Regular => new OutputTarget(full, WriteThrough: false),
            FileKind.Directory => throw new IOException($"'{path}' is a directory; expected a file to write"),
            _ => new OutputTarget(full, WriteThrough: true),
        };
    }

    /// <summary>The temporary file this process writes before renaming it to <see cref="Path"/>.</summary>
    public string TempPath => $"{Path}{TempMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Creates the target's folder and deletes stale temporary files in it: <c>*.tmp-PID</c> whose process no longer
    /// runs and that have not been written for <see cref="StaleAge"/>. Returns how many were deleted.
    /// </summary>
    public int PrepareFolder()
    {
        if (WriteThrough) return 0;
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        return DeleteStaleTemps(directory);
    }

    /// <summary>Deletes <c>*.tmp-PID</c> files in <paramref name="directory"/> left by processes that are gone.</summary>
    public static int DeleteStaleTemps(string directory)
    {
        // Liveness is read from /proc; without it (not Linux) nothing is known to be dead.
        if (!Directory.Exists("/proc/self")) return 0;
        int deleted = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TempMarker + "*"))
        {
            var name = System.IO.Path.GetFileName(file);
            int marker = name.LastIndexOf(TempMarker, StringComparison.Ordinal);
            if (marker <= 0 || !int.TryParse(name.AsSpan(marker + TempMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}")) continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < StaleAge) continue;
                if (FileIdentity.Of(file, followLinks: false) is not { Kind: FileKind.Regular }) continue;
                File.Delete(file);
                deleted++;
            }
            catch (IOException) { }              // raced with another cleaner, or not ours to delete: leave it
            catch (UnauthorizedAccessException) { }
        }
        return deleted;
    }

    /// <summary>Renames the finished temporary file over <see cref="Path"/>, keeping the replaced file's permissions.</summary>
    public void ReplaceWith(string temp)
    {
        if (WriteThrough) throw new InvalidOperationException($"'{Path}' is written through; there is no temporary file to rename");
        if (!OperatingSystem.IsWindows() && FileIdentity.Of(Path) is { Kind: FileKind.Regular })
            File.SetUnixFileMode(temp, File.GetUnixFileMode(Path));
        File.Move(temp, Path, overwrite: true);
    }
}
