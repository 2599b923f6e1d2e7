using System.Text.RegularExpressions;

namespace VqDna.Tests;

/// <summary>
/// The folders of src/VqDna form layers: a folder may use the folders of lower layers only, so there is no
/// cycle (issue 17). The order is written once, here, and drawn in README.md ("Folders of src/VqDna"). A use is
/// a <c>using VqDna.X</c>, a fully qualified <c>VqDna.X.…</c> name (cref included), or a partly qualified
/// name such as <c>Tokenizers.Learned.LearnedTokenizer</c> from inside another VqDna namespace.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Bottom to top. Folders on one line are one layer: they must not use each other.</summary>
    public static readonly string[][] Layers =
    [
        ["IO"],
        ["Sequences"],
        ["Data"],
        ["Datasets"],
        ["Quantization"],
        ["Evaluation"],
        ["Models"],
        ["Tokenizers"],
        ["Inputs"],
        ["Export"],
        ["Inference"],
        ["ModelFolders"],
        ["Training"],
        ["Reports"],
        ["Benchmarks", "Analysis"],
        ["Quickstart"],
    ];

    private static readonly string Source = Path.Combine(RepoData.Root, "src", "VqDna");

    [Fact]
    public void EveryFolderHasALayer()
    {
        var folders = Directory.GetDirectories(Source).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj")).Order().ToList();
        var listed = Layers.SelectMany(l => l).Order().ToList();
        Assert.Equal(listed, folders);
    }

    [Fact]
    public void NamespacesFollowFolders()
    {
        var wrong = Files().Where(f => f.Namespace != f.ExpectedNamespace)
            .Select(f => $"{f.Relative}: namespace {f.Namespace}, expected {f.ExpectedNamespace}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void FoldersUseOnlyLowerLayers()
    {
        var layerOf = Layers.SelectMany((folders, i) => folders.Select(f => (f, i))).ToDictionary(p => p.f, p => p.i);
        var files = Files();
        var partial = PartlyQualifiedNames(files, layerOf.Keys);
        var violations = new List<string>();
        foreach (var file in files)
        {
            if (!layerOf.TryGetValue(file.Folder, out int layer)) continue;                 // EveryFolderHasALayer reports it
            foreach (var (used, line) in Uses(file, partial, layerOf.Keys))
                if (used != file.Folder && layerOf[used] >= layer)
                    violations.Add($"{file.Relative}:{line}: {file.Folder} (layer {layer}) uses {used} (layer {layerOf[used]})");
        }
        Assert.True(violations.Count == 0, "uses against the layer order:\n" + string.Join("\n", violations));
    }

    /// <summary>The folders a file uses, each with the first line that uses it.</summary>
    private static IEnumerable<(string Folder, int Line)> Uses(SourceFile file, HashSet<string> partial, IEnumerable<string> folders)
    {
        var known = folders.ToHashSet();
        var seen = new HashSet<string>();
        for (int i = 0; i < file.Lines.Length; i++)
        {
            var code = CodeOf(file.Lines[i]);
            var names = FullyQualified().Matches(code).Select(m => m.Groups[1].Value);
            if (!code.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
                names = names.Concat(DottedName().Matches(code).Select(m => m.Value).Where(n => Prefixes(n).Any(partial.Contains)).Select(n => n.Split('.')[0]));
            foreach (var name in names)
                if (known.Contains(name) && seen.Add(name)) yield return (name, i + 1);
        }
    }

    /// <summary>The code of a line and the cref targets of a doc comment; other comments dropped (prose may name anything).</summary>
    private static string CodeOf(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        if (comment < 0) return line;
        var crefs = line[comment..].StartsWith("///", StringComparison.Ordinal)
            ? string.Join(" ", Cref().Matches(line[comment..]).Select(m => m.Groups[1].Value))
            : "";
        return line[..comment] + " " + crefs;
    }

    /// <summary>
    /// Names like <c>Tokenizers.Learned</c> (a nested namespace) or <c>Tokenizers.SpecialTokens</c> (a type of a
    /// folder's namespace) that C# resolves from inside any VqDna namespace without <c>VqDna.</c>.
    /// </summary>
    private static HashSet<string> PartlyQualifiedNames(IReadOnlyList<SourceFile> files, IEnumerable<string> folders)
    {
        var names = new HashSet<string>();
        foreach (var file in files)
        {
            var relative = file.Namespace.StartsWith("VqDna.", StringComparison.Ordinal) ? file.Namespace["VqDna.".Length..] : null;
            if (relative is null || !folders.Contains(relative.Split('.')[0])) continue;
            if (relative.Contains('.')) names.Add(relative);
            foreach (Match type in TypeDeclaration().Matches(string.Join("\n", file.Lines))) names.Add(relative + "." + type.Groups[1].Value);
        }
        return names;
    }

    /// <summary>A.B, A.B.C, … of a dotted name A.B.C.D.</summary>
    private static IEnumerable<string> Prefixes(string dotted)
    {
        for (int i = dotted.IndexOf('.'); i >= 0; i = dotted.IndexOf('.', i + 1))
        {
            int end = dotted.IndexOf('.', i + 1);
            yield return end < 0 ? dotted : dotted[..end];
        }
    }

    private static List<SourceFile> Files() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Source, path))
            .Where(relative => !relative.StartsWith("obj", StringComparison.Ordinal) && !relative.StartsWith("bin", StringComparison.Ordinal))
            .Select(relative => new SourceFile(relative, File.ReadAllLines(Path.Combine(Source, relative))))
            .Where(f => f.Folder.Length > 0)
            .ToList();

    private sealed record SourceFile(string Relative, string[] Lines)
    {
        public string Folder => Relative.Contains(Path.DirectorySeparatorChar) ? Relative.Split(Path.DirectorySeparatorChar)[0] : "";

        public string Namespace => Lines.Select(l => NamespaceDeclaration().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "";

        public string ExpectedNamespace => "VqDna." + Path.GetDirectoryName(Relative)!.Replace(Path.DirectorySeparatorChar, '.');
    }

    [GeneratedRegex(@"(?<![\w.])VqDna\.(\w+)")]
    private static partial Regex FullyQualified();

    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"cref=""([^""]*)""")]
    private static partial Regex Cref();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:[a-z]+\s+)*(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
