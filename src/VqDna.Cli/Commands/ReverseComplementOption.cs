using System.CommandLine;

namespace VqDna.Cli.Commands;

/// <summary>`--rc-augment`, shared by `finetune`, `baseline` and `bench`, so a model and the CNN it is read against can train alike.</summary>
internal static class ReverseComplementOption
{
    /// <param name="who">What reads the rows, as the description's subject with a trailing space ("the CNN "); none for `finetune`.</param>
    public static Option<bool> Create(string who = "") => new("--rc-augment")
    {
        Description = $"{(who.Length == 0 ? "read" : who + "reads")} each training row on its reverse strand half the time, drawn per batch (for tasks whose labels have no strand, such as TF binding; not splice sites or promoters)",
    };
}
