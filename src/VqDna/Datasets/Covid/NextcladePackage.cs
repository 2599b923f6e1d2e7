using System.Formats.Tar;
using System.IO.Compression;
using VqDna.Data;

namespace VqDna.Datasets.Covid;

/// <summary>
/// Fetches the npm package <c>@neherlab/nextclade@0.14.4</c> (MIT) with <c>npm pack</c> and keeps its
/// dist/nextclade.js in a cache folder. 0.14.4 is the last version that bundles the SARS-CoV-2 reference tree
/// (later versions download datasets at run time). Idempotent: a cached bundle is not fetched again.
/// </summary>
public static class NextcladePackage
{
    /// <summary>The npm package's name.</summary>
    public const string Name = "@neherlab/nextclade";
    /// <summary>The package version fetched: the last that bundles the reference tree.</summary>
    public const string Version = "0.14.4";
    /// <summary>The bundle's path inside the packed tarball.</summary>
    public const string BundleEntry = "package/dist/nextclade.js";

    /// <summary>The path of dist/nextclade.js under <paramref name="cacheDir"/>, fetching the package first when needed.</summary>
    public static string Fetch(string cacheDir, Action<string>? log = null)
    {
        Directory.CreateDirectory(cacheDir);
        var bundle = Path.Combine(cacheDir, $"nextclade-{Version}.js");
        if (File.Exists(bundle)) return bundle;
        var tarball = Path.Combine(cacheDir, $"neherlab-nextclade-{Version}.tgz");
        if (!File.Exists(tarball))
        {
            log?.Invoke($"npm pack {Name}@{Version}");
            ExternalTool.Run("npm", cacheDir, $"(Node.js's package manager) to fetch {Name}@{Version}", "pack", $"{Name}@{Version}", "--silent");
            if (!File.Exists(tarball)) throw new IOException($"npm pack {Name}@{Version} reported success but left no {Path.GetFileName(tarball)} in {cacheDir}");
        }
        ExtractEntry(tarball, BundleEntry, bundle);
        return bundle;
    }

    /// <summary>Copies one file out of a .tgz to <paramref name="target"/> (through a temporary file, then renamed).</summary>
    public static void ExtractEntry(string tarball, string entryName, string target)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name != entryName || entry.DataStream is null) continue;
            var temp = $"{target}.tmp-{Environment.ProcessId}";
            try
            {
                using (var output = File.Create(temp)) entry.DataStream.CopyTo(output);
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return;
        }
        throw new InvalidDataException($"{tarball} has no {entryName}");
    }

}
