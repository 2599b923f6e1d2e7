using VqDna.IO;
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

    public static void NonNegative(string option, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw UsageException.Invalid(option, "zero or more", value);
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

    /// <summary>
    /// A file to write ("-" is standard output), checked by the library's <see cref="OutputGuard"/>: not a directory,
    /// not a dangling link, not the same file as, nor inside, anything in <paramref name="reads"/> (issue 19).
    /// </summary>
    public static void OutputFile(string option, string path, params ReadPath[] reads)
    {
        try { OutputGuard.File(option, path, reads); }
        catch (UnsafeOutputException e) { throw UsageException.Because(e.Message); }
    }

    /// <summary>
    /// A folder to write into, checked by the library's <see cref="OutputGuard"/>: not a file, not a dangling link, not
    /// one of <paramref name="reads"/> nor inside one; a <paramref name="model"/> output must not replace a finished
    /// model unless <paramref name="overwrite"/> (--overwrite).
    /// </summary>
    public static void OutputFolder(string option, string path, bool model = false, bool overwrite = false, params ReadPath[] reads)
    {
        try { OutputGuard.Folder(option, path, model, overwrite, reads); }
        catch (UnsafeOutputException e) { throw UsageException.Because(e.Message); }
    }

    /// <summary>
    /// Builds a library object whose constructor or Validate checks its settings (issue 19: validation lives once, in
    /// the library's config records), turning a range error on one of <paramref name="options"/>' fields into an
    /// error that names the option.
    /// </summary>
    /// <param name="build">Builds and validates the record.</param>
    /// <param name="options">Pairs of (field or parameter name, option), e.g. ("BatchSize", "--batch").</param>
    public static T Config<T>(Func<T> build, params (string Field, string Option)[] options)
    {
        try { return build(); }
        catch (ArgumentOutOfRangeException e) when (options.Any(o => o.Field == e.ParamName))
        {
            throw UsageException.OutOfRange(options.First(o => o.Field == e.ParamName).Option, e);
        }
    }

    /// <summary>At most one output may be standard output.</summary>
    public static void OneStandardOutput(params (string Option, string? Path)[] outputs)
    {
        var onStdout = outputs.Where(o => o.Path == OutputTarget.StandardOutput).Select(o => o.Option).ToList();
        if (onStdout.Count > 1)
            throw UsageException.Because($"{string.Join(" and ", onStdout)} both name standard output (-); only one output can go there");
    }
}
