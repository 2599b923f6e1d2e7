using System.Globalization;
using System.IO.Compression;
using System.Text;
using VqDna.Datasets;
using VqDna.IO;
using VqDna.Sequences.Readers;

namespace VqDna.Datasets.Covid;

/// <summary>
/// The SARS-CoV-2 variant data set built from Nextclade's reference tree, and its files in one cache folder:
/// root.fa (MN908947), genomes.tsv (every kept genome's lineage, variant, split and differences from the root),
/// genomes.fa.gz (the rebuilt sequences), defining_mutations.tsv/.md, the GUE-layout task and summary.json.
/// The genomes derive from GISAID submissions: they are rebuilt at run time into a cache and never committed.
/// </summary>
public static class CovidDataset
{
    /// <summary>The root genome (MN908947) as FASTA, in the cache folder.</summary>
    public const string RootFile = "root.fa";
    /// <summary>One row per kept genome: lineage, variant, split and differences from the root.</summary>
    public const string GenomesFile = "genomes.tsv";
    /// <summary>The rebuilt genome sequences, gzipped FASTA.</summary>
    public const string SequencesFile = "genomes.fa.gz";
    /// <summary>What the build did (<see cref="CovidBuildSummary"/>), as JSON.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>Builds everything into <paramref name="outputDir"/> from a fetched bundle (dist/nextclade.js).</summary>
    public static CovidBuildSummary Build(string bundlePath, string outputDir, CovidTaskConfig config, string? referenceFasta, Action<string>? log = null)
    {
        config.Validate();
        Directory.CreateDirectory(outputDir);
        log?.Invoke("parsing the bundle");
        var bundle = NextcladeBundle.Load(bundlePath);
        var tree = ReferenceTree.Parse(bundle.TreeJson, bundlePath + " (" + NextcladeBundle.TreeModule + ")");
        log?.Invoke("rebuilding tip genomes");
        var rebuild = GenomeRebuilder.Rebuild(bundle.RootSequence, tree);
        int referenceDifferences = -1;
        if (referenceFasta is not null)
        {
            var reference = SequenceFile.Read(referenceFasta).First().Sequence;
            referenceDifferences = CompareRoot(bundle.RootSequence, reference);
        }

        var kept = rebuild.Genomes.Select(g => (Genome: g, Variant: VariantCatalog.Find(g.Lineage)?.Name)).Where(g => g.Variant is not null)
            .Select(g => (g.Genome, g.Variant!)).ToList();
        var genomes = GenomeSplitter.Split(kept, config.DevFraction, config.TestFraction, config.Seed);
        log?.Invoke($"{genomes.Count} genomes of the nine variants; writing the task");
        var task = CovidTaskWriter.Build(genomes, bundle.RootSequence, config);
        var taskDir = CovidTaskWriter.Write(task, outputDir);
        var defining = DefiningMutations.Find(genomes, config.DefiningShare, bundle.Genes);
        DefiningMutations.WriteTsv(Path.Combine(outputDir, "defining_mutations.tsv"), defining);
        DefiningMutations.WriteMarkdown(Path.Combine(outputDir, "defining_mutations.md"), defining, config.DefiningShare);
        WriteRoot(Path.Combine(outputDir, RootFile), bundle.RootSequence);
        WriteGenomes(Path.Combine(outputDir, GenomesFile), genomes);
        WriteSequences(Path.Combine(outputDir, SequencesFile), genomes, bundle.RootSequence);

        var summary = new CovidBuildSummary(
            $"{NextcladePackage.Name}@{NextcladePackage.Version}", bundle.RootSequence.Length, referenceFasta, referenceDifferences,
            rebuild.Nodes, rebuild.Genomes.Count, rebuild.MutationsApplied, rebuild.Mismatches.Count,
            rebuild.Mismatches.Take(20).Select(m => $"{m.Node}: {m.Mutation} (parent has {m.ParentBase})").ToList(),
            VariantSummaries(genomes, task), defining.GroupBy(d => d.Variant).ToDictionary(g => g.Key, g => g.Count()), taskDir);
        JsonFiles.Write(Path.Combine(outputDir, SummaryFile), summary);
        return summary;
    }

    /// <summary>Positions where the root and the reference differ; -1 when their lengths differ.</summary>
    public static int CompareRoot(string root, string reference)
    {
        if (root.Length != reference.Length) return -1;
        int differences = 0;
        for (int i = 0; i < root.Length; i++) if (root[i] != reference[i]) differences++;
        return differences;
    }

    /// <summary>Reads the root genome and the kept genomes back from a folder written by <see cref="Build"/>.</summary>
    public static (string Root, List<VariantGenome> Genomes) Load(string folder)
    {
        var rootPath = Path.Combine(folder, RootFile);
        var genomesPath = Path.Combine(folder, GenomesFile);
        if (!File.Exists(rootPath) || !File.Exists(genomesPath))
            throw new FileNotFoundException($"'{folder}' holds no {RootFile} and {GenomesFile}: run `vqdna data covid -o {folder}` first", genomesPath);
        var root = SequenceFile.Read(rootPath).First().Sequence;
        var genomes = new List<VariantGenome>();
        int line = 0;
        foreach (var text in File.ReadLines(genomesPath))
        {
            if (line++ == 0) continue;                                                   // header
            if (text.Length == 0) continue;
            var f = text.Split('\t');
            if (f.Length != 6) throw new InvalidDataException($"{genomesPath}:{line}: expected 6 tab-separated fields (name, clade, lineage, variant, split, differences), found {f.Length}");
            List<NucleotideMutation> differences;
            try { differences = f[5].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(NucleotideMutation.Parse).ToList(); }
            catch (FormatException e) { throw new InvalidDataException($"{genomesPath}:{line}: {e.Message}", e); }
            if (differences.Any(d => d.Position > root.Length || root[d.Position - 1] != d.Reference))
                throw new InvalidDataException($"{genomesPath}:{line}: a difference does not match {RootFile} (wrong root for these genomes?)");
            if (!GueTask.SplitNames.Contains(f[4])) throw new InvalidDataException($"{genomesPath}:{line}: split '{f[4]}' is not train, dev or test");
            genomes.Add(new VariantGenome(new RebuiltGenome(f[0], f[1], f[2], differences), f[3], f[4]));
        }
        return (root, genomes);
    }

    private static List<CovidVariantSummary> VariantSummaries(IReadOnlyList<VariantGenome> genomes, GueTask task)
    {
        IReadOnlyList<LabelledSequence>[] splits = [task.Train, task.Dev, task.Test];
        return VariantCatalog.Variants.Select(v =>
        {
            var mine = genomes.Where(g => g.Variant == v.Name).ToList();
            int label = task.Labels.IndexOf(v.Name);
            return new CovidVariantSummary(v.Name,
                mine.GroupBy(g => g.Genome.Lineage).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                GueTask.SplitNames.Select(s => mine.Count(g => g.Split == s)).ToArray(),
                splits.Select(s => s.Count(r => r.Label == label)).ToArray());
        }).ToList();
    }

    private static void WriteRoot(string path, string root)
    {
        var text = new StringBuilder(">MN908947 root of Nextclade 0.14.4's SARS-CoV-2 reference tree (Wuhan-Hu-1)\n");
        for (int i = 0; i < root.Length; i += 60) text.Append(root, i, Math.Min(60, root.Length - i)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static void WriteGenomes(string path, IReadOnlyList<VariantGenome> genomes)
    {
        var text = new StringBuilder("name\tclade\tlineage\tvariant\tsplit\tdifferences\n");
        foreach (var g in genomes)
        {
            if (g.Name.Contains('\t') || g.Genome.Clade.Contains('\t')) throw new InvalidDataException($"genome '{g.Name}': a tab in its name or clade");
            text.Append(CultureInfo.InvariantCulture, $"{g.Name}\t{g.Genome.Clade}\t{g.Genome.Lineage}\t{g.Variant}\t{g.Split}\t{string.Join(' ', g.Genome.Differences)}\n");
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static void WriteSequences(string path, IReadOnlyList<VariantGenome> genomes, string root)
    {
        var temp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var file = File.Create(temp))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                foreach (var g in genomes)
                {
                    var sequence = g.Genome.Sequence(root);
                    writer.WriteLine($">{g.Name.Replace(' ', '_')} variant={g.Variant} lineage={g.Genome.Lineage} split={g.Split}");
                    for (int i = 0; i < sequence.Length; i += 60) writer.WriteLine(sequence.AsSpan(i, Math.Min(60, sequence.Length - i)));
                }
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
