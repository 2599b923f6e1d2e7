using VqDna.Torch.Serialization;

namespace VqDna.IO;

/// <summary>
/// The one check every command that writes makes before it starts (issue 19: `export --onnx tok -o
/// tok/model.safetensors` wrote ONNX bytes over the tokenizer's weights). An output is refused when it
/// <list type="bullet">
/// <item>is, or lies inside, a file or folder the command reads — compared by device and inode, so no symbolic
/// or hard link hides it;</item>
/// <item>is a dangling symbolic link (writing would create the missing target's folders);</item>
/// <item>is a directory where a file is expected, or a file where a folder is expected;</item>
/// <item>is an existing model folder (config.json or model.safetensors) without a checkpoint to resume,
/// unless the user said to overwrite it.</item>
/// </list>
/// Throws <see cref="UnsafeOutputException"/>; "-" (standard output) is always accepted as a file output.
/// </summary>
public static class OutputGuard
{
    /// <summary>Files whose presence makes a folder a model folder.</summary>
    public static readonly IReadOnlyList<string> ModelFiles = ["config.json", "model.safetensors"];

    /// <summary>The file a training run resumes from; its presence means the folder is a run in progress.</summary>
    public const string ResumeFile = "checkpoint.safetensors";

    /// <summary>Refuses <paramref name="output"/> as a file to write when it would replace or land inside one of <paramref name="reads"/>.</summary>
    /// <param name="label">The output's option, for the message (e.g. "--output").</param>
    /// <param name="output">The path to write, or "-" for standard output.</param>
    /// <param name="reads">Everything the command reads, files and folders.</param>
    public static void File(string label, string output, params ReadPath[] reads)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output == OutputTarget.StandardOutput) return;
        string target;
        try { target = Resolve(output); }
        catch (IOException e) when (e is not UnsafeOutputException) { throw new UnsafeOutputException($"{label}: {e.Message}"); }
        if (FileIdentity.Of(target) is { Kind: FileKind.Directory })
            throw new UnsafeOutputException($"{label}: '{output}' is a directory; expected a file to write (or - for standard output)");
        Collisions(label, output, target, reads);
    }

    /// <summary>
    /// Refuses <paramref name="output"/> as a folder to write into when it is, or lies inside, one of
    /// <paramref name="reads"/>; when <paramref name="model"/>, also an existing model folder without
    /// <see cref="ResumeFile"/> unless <paramref name="overwrite"/>.
    /// </summary>
    public static void Folder(string label, string output, bool model, bool overwrite, params ReadPath[] reads)
    {
        ArgumentNullException.ThrowIfNull(output);
        string target;
        try { target = Resolve(output); }
        catch (IOException e) when (e is not UnsafeOutputException) { throw new UnsafeOutputException($"{label}: {e.Message}"); }
        if (FileIdentity.Of(target) is { } identity && identity.Kind != FileKind.Directory)
            throw new UnsafeOutputException($"{label}: '{output}' is a file; expected a folder");
        Collisions(label, output, target, reads);
        if (model && !overwrite && Directory.Exists(target) && !System.IO.File.Exists(Path.Combine(target, ResumeFile))
            && ModelFiles.FirstOrDefault(f => System.IO.File.Exists(Path.Combine(target, f))) is { } found)
            throw new UnsafeOutputException($"{label}: '{output}' already holds a model ({found}) and no checkpoint to resume; " +
                "choose another folder, or pass --overwrite to replace it");
    }

    /// <summary>The path writes to <paramref name="output"/> reach: the final target of a symbolic link, which must exist.</summary>
    private static string Resolve(string output)
    {
        var full = Path.GetFullPath(output);
        if (FileIdentity.Of(full, followLinks: false) is not { Kind: FileKind.SymbolicLink }) return full;
        var final = System.IO.File.ResolveLinkTarget(full, returnFinalTarget: true)
            ?? throw new UnsafeOutputException($"'{output}': cannot resolve the symbolic link");
        if (FileIdentity.Of(final.FullName) is null)
            throw new UnsafeOutputException($"'{output}' is a symbolic link to '{final.FullName}', which does not exist; " +
                "give the target itself or remove the link");
        return Path.GetFullPath(final.FullName);
    }

    /// <summary>Compares the output and each of its parent folders with each read path, by device and inode.</summary>
    private static void Collisions(string label, string output, string target, ReadPath[] reads)
    {
        var inputs = reads.Where(r => r.Path is not null and not OutputTarget.StandardOutput)
            .Select(r => (r.Label, Path: r.Path!, Identity: FileIdentity.Of(r.Path!), r.Derived))
            .Where(r => r.Identity is not null).ToList();
        if (inputs.Count == 0) return;
        bool self = true;
        for (var dir = target; dir is not null; dir = Path.GetDirectoryName(dir), self = false)
        {
            if (FileIdentity.Of(dir) is not { } here) continue;
            bool parent = !self && dir == Path.GetDirectoryName(target);
            foreach (var (readLabel, path, identity, derived) in inputs)
            {
                if (!Same(here, identity!.Value)) continue;
                if (parent && derived is not null && Path.GetFileName(target) == derived) continue;   // the folder's own export
                if (self)
                    throw new UnsafeOutputException($"{label} '{output}' is the same {(here.Kind == FileKind.Directory ? "folder" : "file")} as {readLabel} '{path}', which this command reads: refusing to overwrite an input; choose another output");
                throw new UnsafeOutputException($"{label} '{output}' is inside {readLabel} '{path}', which this command reads: refusing to write into an input folder; choose another output");
            }
        }
    }

    private static bool Same(FileIdentity a, FileIdentity b) =>
        a.DeviceMajor == b.DeviceMajor && a.DeviceMinor == b.DeviceMinor && a.Inode == b.Inode;
}
