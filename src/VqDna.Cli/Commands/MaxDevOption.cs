using System.CommandLine;

namespace VqDna.Cli.Commands;

/// <summary>`--max-dev`: the same option on every verb that selects on a dev split (finetune, baseline, bench).</summary>
internal static class MaxDevOption
{
    public static Option<int> Create() => new("--max-dev")
    {
        Description = "choose the best step and settings on at most this many dev examples, a fixed random subset of the seed; the same subset for the fine-tuned model and its baselines (0: all)",
        DefaultValueFactory = _ => 0,
    };
}
