namespace VqDna.Torch.Diagnostics;

/// <summary>The shared libraries mapped into this process, read from /proc/self/maps.</summary>
internal static class MappedLibraries
{
    /// <summary>Resolved paths (links followed) of every mapped file whose name <paramref name="match"/> accepts; empty off Linux.</summary>
    public static IReadOnlyList<string> Find(Func<string, bool> match)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        return File.ReadLines(maps)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => string.Join(' ', fields.Skip(5)))
            .Where(path => path.StartsWith('/') && match(Path.GetFileName(path)))
            .Select(Resolve)
            .Distinct()
            .ToList();
    }

    private static string Resolve(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
