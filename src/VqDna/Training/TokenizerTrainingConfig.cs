using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Training.Engine;

namespace VqDna.Training;

/// <summary>How to train a learned tokenizer; written to training.json and compared on resume.</summary>
/// <param name="Model">The architecture.</param>
/// <param name="Optimization">Steps, learning rate and schedule, clipping, checkpoints, seed.</param>
/// <param name="WindowLength">Nucleotides per training window.</param>
/// <param name="BatchSize">Windows per micro-batch.</param>
/// <param name="EvalBatches">Held-out batches for the final evaluation.</param>
/// <param name="CodeMaskRate">
/// Fraction of positions whose code the decoder does not see during training (0: off, the paper's objective). A hidden
/// position's base must be rebuilt from the codes around it, a reconstruction that cannot be solved base by base
/// (issue 21). Evaluation and inference always see every code.
/// </param>
public sealed record TokenizerTrainingConfig(
    VqTokenizerConfig Model,
    OptimizationConfig Optimization,
    int WindowLength = TokenizerTrainingConfig.DefaultWindow,
    int BatchSize = TokenizerTrainingConfig.DefaultBatch,
    int EvalBatches = 8,
    double CodeMaskRate = 0) : IStepBudget<TokenizerTrainingConfig>
{
    int IStepBudget<TokenizerTrainingConfig>.StepBudget => Optimization.Steps;

    TokenizerTrainingConfig IStepBudget<TokenizerTrainingConfig>.WithStepBudget(int steps) => this with { Optimization = Optimization with { Steps = steps } };

    /// <summary>Default nucleotides per training window.</summary>
    public const int DefaultWindow = 256;
    /// <summary>Default windows per batch.</summary>
    public const int DefaultBatch = 16;

    /// <summary>A coarse upper bound of the bytes one training step holds (activations kept for backward, code distances).</summary>
    public double StepBytes() => 4.0 * BatchSize * WindowLength * Model.TrainingFloatsPerPosition();

    /// <summary>The tokenizer's optimisation defaults: a higher peak rate than the encoder's (small conv net, EMA codebooks).</summary>
    public static OptimizationConfig DefaultOptimization(int steps = OptimizationConfig.DefaultSteps, ulong seed = 0) =>
        new(Steps: steps, LearningRate: 2e-3, Seed: seed);

    /// <summary>Checks the model, optimization and data settings; returns this, or throws naming the setting.</summary>
    public TokenizerTrainingConfig Validate()
    {
        Model.Validate();
        Optimization.Validate();
        if (WindowLength < 1) throw new ArgumentOutOfRangeException(nameof(WindowLength), WindowLength, "must be positive");
        if (WindowLength % Model.Stride != 0)
            throw new ArgumentOutOfRangeException(nameof(WindowLength), WindowLength, $"must be a multiple of the tokenizer's stride ({Model.Stride})");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive");
        if (EvalBatches < 1) throw new ArgumentOutOfRangeException(nameof(EvalBatches), EvalBatches, "must be positive");
        if (!(CodeMaskRate >= 0 && CodeMaskRate < 1)) throw new ArgumentOutOfRangeException(nameof(CodeMaskRate), CodeMaskRate, "must be in [0, 1)");
        MemoryBudget.AtMost(nameof(WindowLength), WindowLength, MemoryBudget.MaxWindow);
        MemoryBudget.AtMost(nameof(BatchSize), BatchSize, MemoryBudget.MaxBatch);
        MemoryBudget.Fits(nameof(BatchSize), BatchSize, $"one training step of {BatchSize} × {WindowLength} nt", StepBytes());
        return this;
    }
}
