namespace VqDna.Training.Engine;

/// <summary>
/// Settings whose optimizer-step budget may grow when a run resumes: a folder whose checkpoint was kept
/// (`--keep-checkpoints`) continues under a larger `--steps` when every other setting matches, its learning-rate
/// schedule recomputed for the new total from the checkpoint's step on. Implement the members explicitly, so they
/// are not written to training.json.
/// </summary>
/// <typeparam name="TSelf">The settings record.</typeparam>
public interface IStepBudget<TSelf>
{
    /// <summary>Optimizer steps the run trains for (0 when a time budget decides them).</summary>
    int StepBudget { get; }

    /// <summary>These settings with a budget of <paramref name="steps"/> steps.</summary>
    TSelf WithStepBudget(int steps);
}
