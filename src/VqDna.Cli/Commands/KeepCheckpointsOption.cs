using System.CommandLine;

namespace VqDna.Cli.Commands;

/// <summary>`--keep-checkpoints`: the same option on every training verb.</summary>
internal static class KeepCheckpointsOption
{
    public static Option<bool> Create() => new("--keep-checkpoints")
    {
        Description = "keep checkpoint.safetensors and the lock files when the run finishes (`tokenizer train` and `pretrain` continue such a folder under a larger --steps); removed by default",
    };
}
