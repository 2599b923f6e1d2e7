using VqDna.Models.Tokenizer;

namespace VqDna.Training;

/// <summary>How to train a learned tokenizer; written to training.json and compared on resume.</summary>
/// <param name="Model">The architecture.</param>
/// <param name="WindowLength">Nucleotides per training window.</param>
/// <param name="BatchSize">Windows per step.</param>
/// <param name="Steps">Optimizer steps in all.</param>
/// <param name="LearningRate">Peak AdamW learning rate (warm-up, then cosine decay to 10%).</param>
/// <param name="WarmupSteps">Linear warm-up steps.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay.</param>
/// <param name="GradientClip">Global gradient-norm limit.</param>
/// <param name="Seed">Seeds the weights, every batch and every codebook restart.</param>
/// <param name="CheckpointEvery">Steps between checkpoints.</param>
/// <param name="EvalBatches">Held-out batches for the final evaluation.</param>
public sealed record TokenizerTrainingConfig(
    VqTokenizerConfig Model,
    int WindowLength = 256,
    int BatchSize = 16,
    int Steps = 2000,
    double LearningRate = 2e-3,
    int WarmupSteps = 100,
    double WeightDecay = 0.01,
    double GradientClip = 1.0,
    ulong Seed = 0,
    int CheckpointEvery = 100,
    int EvalBatches = 8)
{
    public TokenizerTrainingConfig Validate()
    {
        Model.Validate();
        if (WindowLength < 1) throw new ArgumentOutOfRangeException(nameof(WindowLength), WindowLength, "must be positive");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive");
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be positive");
        if (LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be positive");
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be non-negative");
        if (CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "must be positive");
        if (EvalBatches < 1) throw new ArgumentOutOfRangeException(nameof(EvalBatches), EvalBatches, "must be positive");
        return this;
    }
}
