using System.CommandLine;

namespace VqDna.Cli.Settings;

/// <summary>`--overwrite`: the same option on every verb that writes a model folder (issue 19).</summary>
internal static class OverwriteOption
{
    public static Option<bool> Create() =>
        new("--overwrite") { Description = "write into an output folder that already holds a finished model (without a checkpoint to resume), replacing it" };
}
