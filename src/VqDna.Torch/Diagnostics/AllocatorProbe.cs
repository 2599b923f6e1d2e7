namespace VqDna.Torch.Diagnostics;

/// <summary>
/// Which malloc serves libtorch's buffers: glibc's, or one preloaded before the process started
/// (the launcher preloads tcmalloc, see scripts/runtime-env.sh). Read from the mapped libraries,
/// since a preload cannot be seen from the environment of a process started another way.
/// </summary>
public static class AllocatorProbe
{
    /// <summary>"tcmalloc (path)", "jemalloc (path)" or "glibc malloc".</summary>
    public static string Describe()
    {
        var lib = MappedLibraries.Find(name => name.StartsWith("libtcmalloc", StringComparison.Ordinal) || name.StartsWith("libjemalloc", StringComparison.Ordinal))
            .FirstOrDefault();
        if (lib is null) return "glibc malloc";
        return (Path.GetFileName(lib).StartsWith("libtcmalloc", StringComparison.Ordinal) ? "tcmalloc" : "jemalloc") + $" ({lib})";
    }
}
