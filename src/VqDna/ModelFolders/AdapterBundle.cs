using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch.Serialization;

namespace VqDna.ModelFolders;

/// <summary>
/// `vqdna finetune --bundle` (issue 20: a LoRA folder depends on a base folder elsewhere): copies the pre-trained
/// base's model files into the adapter folder, under <see cref="FolderName"/>, and records that copy as the base, so
/// the adapter folder alone can be moved, archived or shared. The adapter's base hash (<see cref="AdapterBase"/>)
/// still holds: the weights are the same bytes.
/// </summary>
public static class AdapterBundle
{
    /// <summary>The base's copy inside the adapter folder, as base_model_name_or_path records it.</summary>
    public const string FolderName = "base";

    /// <summary>What is copied: the files a pre-trained folder loads from (training state, locks and charts stay behind).</summary>
    private static readonly string[] Files = [EncoderFolder.ConfigFile, EncoderFolder.WeightsFile, TokenizerFile.FileName];

    /// <summary>Copies the base of the adapter in <paramref name="adapterFolder"/> into it; returns the copy's path (unchanged when already bundled).</summary>
    /// <exception cref="InvalidDataException">The folder is not a LoRA adapter, or its base is missing, or <see cref="FolderName"/> holds something else.</exception>
    public static string Bundle(string adapterFolder)
    {
        if (!File.Exists(Path.Combine(adapterFolder, PeftAdapter.ConfigFile)))
            throw new InvalidDataException($"'{adapterFolder}' holds no LoRA adapter ({PeftAdapter.ConfigFile}): only an unmerged LoRA fine-tune has a base to bundle");
        var baseFolder = PeftAdapter.BaseFolder(adapterFolder);
        var target = Path.GetFullPath(Path.Combine(adapterFolder, FolderName));
        if (string.Equals(Path.TrimEndingDirectorySeparator(baseFolder), target, StringComparison.Ordinal)) return target;
        if (!Directory.Exists(baseFolder))
            throw new DirectoryNotFoundException($"base model folder '{baseFolder}' (recorded in {Path.Combine(adapterFolder, PeftAdapter.ConfigFile)}) does not exist: nothing to bundle");
        if (Directory.Exists(target) && !File.Exists(Path.Combine(target, EncoderFolder.ConfigFile)))
            throw new InvalidDataException($"'{target}' exists and is not a model folder: remove it to bundle the base there");
        if (File.Exists(target)) throw new InvalidDataException($"'{target}' is a file: remove it to bundle the base there");

        // Copy beside the target, then swap: a failed copy leaves the adapter and any earlier bundle as they were.
        var staging = target + $".tmp-{Environment.ProcessId}";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var name in Files.Where(f => File.Exists(Path.Combine(baseFolder, f))))
                File.Copy(Path.Combine(baseFolder, name), Path.Combine(staging, name));
            var learned = Path.Combine(baseFolder, EncoderFolder.LearnedTokenizerFolder);
            if (Directory.Exists(learned)) CopyFolder(learned, Path.Combine(staging, EncoderFolder.LearnedTokenizerFolder));
            if (AdapterBase.Hash(staging) != AdapterBase.Hash(baseFolder))
                throw new IOException($"the copy of '{Path.Combine(baseFolder, EncoderFolder.WeightsFile)}' differs from its source");
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        PeftAdapter.SaveConfig(adapterFolder, PeftAdapter.ReadConfig(adapterFolder) with { BaseModelNameOrPath = FolderName });
        return target;
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(source)) CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
    }
}
