using VqDna.Data;

namespace VqDna.Datasets.Builders;

/// <summary>
/// Builds the benchmark tasks from real data in Debian packages, fetched into a cache folder
/// with <see cref="DebianPackage"/> (apt-get download + dpkg -x; the corpus packages are shared
/// with <see cref="CorpusFetcher"/>, so a fetched corpus is reused). Each group builds on its
/// own: one that fails (R missing, a package unreachable) is reported and the others still build.
/// </summary>
/// <param name="cacheDir">Where packages are downloaded and extracted (data/cache by default in the CLI).</param>
/// <param name="rscript">The R front end used to read the splice data (.rda).</param>
public sealed class BenchmarkTaskSet(string cacheDir, string rscript = BenchmarkTaskSet.DefaultRscript)
{
    /// <summary>The R front end looked up on PATH.</summary>
    public const string DefaultRscript = "Rscript";

    /// <summary>The seed of the published task files.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The task groups, in build order.</summary>
    public static readonly IReadOnlyList<string> Groups = ["species", "coding", "promoter", "splice", "tf"];

    /// <summary>
    /// The species classes: label and the binomial the corpus names it by. Five eukaryotes with
    /// real chromosomes (HyenaDNA's task used five mammals; the corpus has one): human (chr20 and
    /// chrX), fly (chr2R) and worm (chrX) split by blocks; Plasmodium (14 chromosomes) and Ustilago
    /// (23 chromosomes) split by whole chromosome.
    /// </summary>
    public static readonly IReadOnlyList<(string Label, string Binomial)> Species =
    [
        ("homo_sapiens", "Homo sapiens"),
        ("drosophila_melanogaster", "Drosophila melanogaster"),
        ("caenorhabditis_elegans", "Caenorhabditis elegans"),
        ("plasmodium_falciparum", "Plasmodium falciparum"),
        ("ustilago_maydis", "Ustilago maydis"),
    ];

    private static readonly (string Package, string Path) EcoliGenBank = ("cct-examples", "usr/share/doc/cct/examples/sample_projects/sample_project_3/comparison_genomes/NC_000913.gbk.gz");
    private static readonly (string Package, string Path) FlyUpstream = ("r-bioc-biostrings", "usr/lib/R/site-library/Biostrings/extdata/dm3_upstream2000.fa.gz");
    private static readonly (string Package, string Path) FlyChr2R = ("augustus-doc", "usr/share/doc/augustus/tutorial/data/chr2R.fa");
    private static readonly (string Package, string Path) StatLog = ("r-cran-mlbench", "usr/lib/R/site-library/mlbench/data/DNA.rda");
    private static readonly (string Package, string Path) Jaspar = ("pscan-chip-data", "usr/share/pscan-chip/jaspar_2016.wil");
    private static readonly (string Package, string Path) HumanChr20 = ("vt-examples", "usr/share/doc/vt/examples/ref/20.fa.gz");

    /// <summary>
    /// Builds the selected groups (all when <paramref name="groups"/> is empty) and writes each
    /// task to <paramref name="outputDir"/>/&lt;task name&gt;. Same seed, same files, byte for byte.
    /// </summary>
    public IReadOnlyList<TaskGroupResult> Build(string outputDir, int seed, IReadOnlyCollection<string> groups, IProgress<TaskBuildProgress>? progress = null)
    {
        var unknown = groups.Where(g => !Groups.Contains(g)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown task group(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", Groups)}");
        // Folders every group needs: a problem with them is one error, not the same error once per group (issue 7).
        RequireFolder(cacheDir, "cache folder");
        RequireFolder(outputDir, "output folder");
        var results = new List<TaskGroupResult>();
        foreach (var group in Groups.Where(g => groups.Count == 0 || groups.Contains(g)))
        {
            try
            {
                var tasks = BuildGroup(group, seed, progress);
                foreach (var task in tasks)
                {
                    progress?.Report(new TaskBuildProgress(task.Task.Name, "writing"));
                    task.Save(Path.Combine(outputDir, task.Task.Name), seed);
                }
                results.Add(new TaskGroupResult(group, tasks, null));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                results.Add(new TaskGroupResult(group, [], e.Message));
            }
        }
        return results;
    }

    private static void RequireFolder(string path, string what)
    {
        if (File.Exists(path)) throw new IOException($"{what} '{path}' is a file; expected a folder");
        Directory.CreateDirectory(path);
    }

    private IReadOnlyList<BuiltTask> BuildGroup(string group, int seed, IProgress<TaskBuildProgress>? progress)
    {
        switch (group)
        {
            case "species":
                var sources = Species.Select(s => new SpeciesSource(s.Label, CorpusSource.Default
                    .Where(c => c.Species.StartsWith(s.Binomial, StringComparison.Ordinal) && c.Kind is "genome" or "chromosome")
                    .Select(c => Fetch((c.Package, c.PathInPackage), group, progress)).ToList())).ToList();
                return new SpeciesTaskBuilder(SpeciesWindowConfig.Default).Build(sources, seed, progress).Select(Portable).ToList();
            case "coding":
                return [Portable(new CodingTaskBuilder().Build(Fetch(EcoliGenBank, group, progress), seed, progress))];
            case "promoter":
                return [Portable(new PromoterTaskBuilder().Build(Fetch(FlyUpstream, group, progress), Fetch(FlyChr2R, group, progress), seed, progress))];
            case "splice":
                return [Portable(new SpliceTaskBuilder().Build(Fetch(StatLog, group, progress), seed, rscript, progress))];
            default:
                return new TfBindingTaskBuilder().Build(Fetch(Jaspar, group, progress), TfBindingTaskBuilder.DefaultMotifs, Fetch(HumanChr20, group, progress), seed, progress)
                    .Select(Portable).ToList();
        }
    }

    private string Fetch((string Package, string Path) file, string group, IProgress<TaskBuildProgress>? progress)
    {
        var root = DebianPackage.Extract(file.Package, cacheDir, message => progress?.Report(new TaskBuildProgress(group, message)));
        var path = Path.GetFullPath(Path.Combine(root, file.Path));
        if (!File.Exists(path)) throw new FileNotFoundException($"package {file.Package} has no {file.Path}; its layout may have changed", path);
        return path;
    }

    /// <summary>Records sources as "package: path in package", so task.json does not depend on where the cache lives.</summary>
    private BuiltTask Portable(BuiltTask task)
    {
        var packages = Path.Combine(Path.GetFullPath(cacheDir), "packages") + Path.DirectorySeparatorChar;
        return task with
        {
            Sources = task.Sources.Select(s =>
            {
                int at = s.IndexOf(packages, StringComparison.Ordinal);
                if (at < 0) return s;
                var rest = s[(at + packages.Length)..];
                int slash = rest.IndexOf(Path.DirectorySeparatorChar);
                return slash < 0 ? s : s[..at] + rest[..slash] + ": " + rest[(slash + 1)..];
            }).ToList(),
        };
    }
}
