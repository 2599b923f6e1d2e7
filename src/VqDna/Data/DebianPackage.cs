
namespace VqDna.Data;

/// <summary>
/// Fetches a Debian package's files without installing it: `apt-get download` then
/// `dpkg -x` into a cache folder. Idempotent: a package already extracted (marked by a
/// ".done" file) is not fetched again; an interrupted extraction is redone.
/// </summary>
public static class DebianPackage
{
    /// <summary>
    /// The folder holding the extracted files of <paramref name="package"/> under
    /// <paramref name="cacheDir"/>, fetching and extracting it first when needed.
    /// </summary>
    public static string Extract(string package, string cacheDir, Action<string>? log = null)
    {
        if (package.Length == 0 || !package.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+'))
            throw new ArgumentException($"'{package}' is not a Debian package name", nameof(package));
        // Absolute: dpkg runs in the downloads folder, so a relative cache folder would point elsewhere for it.
        cacheDir = Path.GetFullPath(cacheDir);
        var root = Path.Combine(cacheDir, "packages", package);
        var done = Path.Combine(root, ".done");
        if (File.Exists(done)) return root;

        var downloads = Path.Combine(cacheDir, "debs");
        Directory.CreateDirectory(downloads);
        var deb = FindDeb(downloads, package);
        if (deb is null)
        {
            log?.Invoke($"apt-get download {package}");
            ExternalTool.Run("apt-get", downloads, "to fetch Debian packages", "download", package);
            deb = FindDeb(downloads, package)
                ?? throw new IOException($"apt-get download {package} reported success but left no {package}_*.deb in {downloads}");
        }
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        log?.Invoke($"dpkg -x {Path.GetFileName(deb)}");
        ExternalTool.Run("dpkg", downloads, "to fetch Debian packages", "-x", deb, root);
        File.WriteAllText(done, Path.GetFileName(deb) + "\n");
        return root;
    }

    private static string? FindDeb(string folder, string package) =>
        Directory.EnumerateFiles(folder, package + "_*.deb").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
}
