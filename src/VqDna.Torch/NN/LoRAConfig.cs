namespace VqDna.Torch.NN;

/// <summary>
/// LoRA settings. Defaults are DNABERT-2's fine-tuning: rank 8, alpha 32, dropout 0.05 on the attention
/// query and value projections.
/// </summary>
/// <param name="R">Rank r of the update B·A.</param>
/// <param name="Alpha">α; the update is scaled by α / r.</param>
/// <param name="Dropout">Dropout on the input of the A path.</param>
/// <param name="TargetModules">Module names to adapt: a Linear matches when its path equals a target or ends
/// with "." + target (peft's rule), so "query" matches every layer's attention.query.</param>
public sealed record LoRAConfig(int R = 8, double Alpha = 32, double Dropout = 0.05, string[]? TargetModules = null)
{
    /// <summary>DNABERT-2's targets.</summary>
    public static readonly string[] DefaultTargets = ["query", "value"];

    /// <summary>The targets, with null read as <see cref="DefaultTargets"/>.</summary>
    public IReadOnlyList<string> Targets => TargetModules ?? DefaultTargets;

    /// <summary>
    /// The largest rank accepted: above the widest layer of any encoder we build (768) a larger rank adds nothing
    /// but memory (issue 19: `--lora-r 100000` allocated over 4 GB). Each layer also refuses a rank above its own
    /// min(in, out).
    /// </summary>
    public const int MaxRank = 1024;

    /// <summary>Checks rank, alpha, dropout and targets; returns this, or throws naming the bad setting.</summary>
    public LoRAConfig Validate()
    {
        if (R < 1) throw new ArgumentOutOfRangeException(nameof(R), R, "LoRA rank must be positive");
        if (R > MaxRank) throw new ArgumentOutOfRangeException(nameof(R), R, $"LoRA rank must be at most {MaxRank}");
        if (!(Alpha > 0)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "LoRA alpha must be positive");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        if (Targets.Count == 0 || Targets.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentOutOfRangeException(nameof(TargetModules), string.Join(",", Targets), "needs at least one non-empty module name");
        return this;
    }
}
