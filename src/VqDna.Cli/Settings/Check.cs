using VqDna.Torch.Serialization;

namespace VqDna.Cli.Settings;

/// <summary>
/// Checks of option values that name the option in their message (issue 7: errors said `Parameter 'Steps'`).
/// Settings records call these from Validate, before any work starts.
/// </summary>
internal static class Check
{
    /// <summary>The largest learning rate accepted: above 1 AdamW diverges at once, so it is a typo, not a setting.</summary>
    public const double MaxLearningRate = VqDna.Training.Engine.OptimizationConfig.MaxLearningRate;

    public static void Positive(string option, int value)
    {
        if (value < 1) throw UsageException.Invalid(option, "positive", value);
    }

    public static void NonNegative(string option, int value)
    {
        if (value < 0) throw UsageException.Invalid(option, "zero or more", value);
    }

    public static void LearningRate(string option, double value)
    {
        if (!double.IsFinite(value) || value <= 0 || value > MaxLearningRate)
            throw UsageException.Invalid(option, $"a finite number in (0, {MaxLearningRate}]", value);
    }

    /// <summary>An existing file ("-" for standard input where <paramref name="allowStandardInput"/>); a folder is an error that says so.</summary>
    public static void InputFile(string option, string path, string what, bool allowStandardInput = false)
    {
        if (allowStandardInput && path == "-") return;
        if (Directory.Exists(path)) throw UsageException.BadPath(option, path, $"is a directory; expected {what}");
        if (!File.Exists(path)) throw UsageException.BadPath(option, path, $"does not exist; expected {what}");
    }

    /// <summary>An existing folder; a file is an error that says so.</summary>
    public static void InputFolder(string option, string path, string what)
    {
        if (File.Exists(path)) throw UsageException.BadPath(option, path, $"is a file; expected {what}");
        if (!Directory.Exists(path)) throw UsageException.BadPath(option, path, $"does not exist; expected {what}");
    }

    /// <summary>A file to write ("-" is standard output): not a directory.</summary>
    public static void OutputFile(string option, string path)
    {
        if (path != OutputTarget.StandardOutput && Directory.Exists(path))
            throw UsageException.BadPath(option, path, "is a directory; expected a file to write (or - for standard output)");
    }

    /// <summary>A folder to write into: not an existing file.</summary>
    public static void OutputFolder(string option, string path)
    {
        if (File.Exists(path)) throw UsageException.BadPath(option, path, "is a file; expected a folder");
    }

    /// <summary>
    /// Refuses an output that is the same file as an input (compared by device and inode, through any links):
    /// writing it would destroy the input (issue 7).
    /// </summary>
    public static void NotAnInput(string outputOption, string? output, params (string Option, string? Path)[] inputs)
    {
        if (output is null) return;
        foreach (var (option, path) in inputs)
            if (path is not null && OutputTarget.WouldOverwrite(output, path))
                throw UsageException.Because($"{outputOption} '{output}' is the same file as {option} '{path}': refusing to overwrite an input");
    }

    /// <summary>At most one output may be standard output.</summary>
    public static void OneStandardOutput(params (string Option, string? Path)[] outputs)
    {
        var onStdout = outputs.Where(o => o.Path == OutputTarget.StandardOutput).Select(o => o.Option).ToList();
        if (onStdout.Count > 1)
            throw UsageException.Because($"{string.Join(" and ", onStdout)} both name standard output (-); only one output can go there");
    }
}
