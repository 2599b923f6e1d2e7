using VqDna.Models.Encoder;
using VqDna.Inputs;
using VqDna.IO;
using VqDna.Training.Engine;

namespace VqDna.Training.Pretraining;

/// <summary>How to pre-train an encoder by masked (code) modeling; written to training.json and compared on resume.</summary>
/// <param name="Preset">Encoder size: tiny, small or base (EncoderConfig presets).</param>
/// <param name="Tokenizer">The tokenizer as given (<see cref="TokenizerSpec"/>).</param>
/// <param name="Optimization">Steps, learning rate and schedule, clipping, accumulation, checkpoints, seed.</param>
/// <param name="Masking">Masking rate (VQDNA: 25%), 80/10/10 replacement, span.</param>
/// <param name="WindowLength">Nucleotides per training window: every tokenizer sees the same DNA per step.</param>
/// <param name="BatchSize">Windows per micro-batch.</param>
/// <param name="EvalEvery">Steps between held-out evaluations.</param>
/// <param name="EvalBatches">Held-out batches per evaluation (the same windows and masks every time).</param>
/// <param name="Minutes">A time budget instead of <see cref="OptimizationConfig.Steps"/>: the steps that fit are measured once and kept (budget.json).</param>
public sealed record PretrainingConfig(
    EncoderPreset Preset,
    string Tokenizer,
    OptimizationConfig Optimization,
    MaskingConfig Masking,
    int WindowLength = PretrainingConfig.DefaultWindow,
    int BatchSize = PretrainingConfig.DefaultBatch,
    int EvalEvery = PretrainingConfig.DefaultEvalEvery,
    int EvalBatches = 4,
    double? Minutes = null) : IStepBudget<PretrainingConfig>
{
    int IStepBudget<PretrainingConfig>.StepBudget => Optimization.Steps;

    PretrainingConfig IStepBudget<PretrainingConfig>.WithStepBudget(int steps) => this with { Optimization = Optimization with { Steps = steps } };

    /// <summary>Default nucleotides per training window.</summary>
    public const int DefaultWindow = 512;
    /// <summary>Default windows per micro-batch.</summary>
    public const int DefaultBatch = 16;

    /// <summary>Steps between held-out evaluations.</summary>
    public const int DefaultEvalEvery = 100;

    /// <summary>
    /// Pre-training steps when none are given (`pretrain`, `bench`): 1,800 × 16 windows of 512 nt, 14.7 Mbp, 6.4 passes
    /// over the embedded genomes. At 600 (the tokenizer's budget, which this shared until 2026-12-06) both backbones had
    /// barely started: three times the steps took held-out masked accuracy from 19.5% to 70.2% (HRQ codes) and from
    /// 1.6% to 10.0% (overlapping 6-mers); fine-tuned, HRQ's backbone gained on all six tasks tried (+0.004 to +0.113 test
    /// MCC), kmer6's on tf_sp1 (+0.032), tf_foxa1 (+0.059) and tf_ctcf (+0.031) and not beyond its seed spread on splice_60
    /// (0.368 → 0.367, seeds 0–2) or coding_200 (−0.013): no task lost. Doubling it again (3,600) lifted HRQ's tf_foxa1,
    /// splice_60 and tf_ctcf a little more and left tf_sp1 flat
    /// (README, *Three times the pre-training*). About an hour on one CPU thread (tiny preset).
    /// </summary>
    public const int DefaultSteps = 1800;

    /// <summary>The encoder's optimisation defaults (BERT-like: peak 5e-4 as VQDNA's stage 2, warm-up, cosine).</summary>
    public static OptimizationConfig DefaultOptimization(int steps = DefaultSteps, ulong seed = 0) =>
        new(Steps: steps, LearningRate: 5e-4, Seed: seed);

    /// <summary>Checks every setting (the tokenizer spec included) is in range; returns this, or throws naming the setting.</summary>
    public PretrainingConfig Validate()
    {
        if (!Enum.IsDefined(Preset)) throw new ArgumentOutOfRangeException(nameof(Preset), Preset, "must be tiny, small or base");
        TokenizerSpec.Parse(Tokenizer);
        Optimization.Validate();
        Masking.Validate();
        if (WindowLength < 8) throw new ArgumentOutOfRangeException(nameof(WindowLength), WindowLength, "must be at least 8");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive");
        if (EvalEvery < 1) throw new ArgumentOutOfRangeException(nameof(EvalEvery), EvalEvery, "must be positive");
        if (EvalBatches < 1) throw new ArgumentOutOfRangeException(nameof(EvalBatches), EvalBatches, "must be positive");
        if (Minutes is { } m && (!double.IsFinite(m) || m <= 0)) throw new ArgumentOutOfRangeException(nameof(Minutes), Minutes, "must be positive");
        MemoryBudget.AtMost(nameof(WindowLength), WindowLength, MemoryBudget.MaxWindow);
        MemoryBudget.AtMost(nameof(BatchSize), BatchSize, MemoryBudget.MaxBatch);
        MemoryBudget.Fits(nameof(BatchSize), BatchSize, $"one {Preset.Name()} encoder step of {BatchSize} × {WindowLength} nt", StepBytes());
        return this;
    }

    /// <summary>
    /// A coarse upper bound of one micro-batch's activations: at most one token per nucleotide; per layer and token
    /// about ten widths (attention projections, norms, residuals) and two feed-forward widths; per layer and head a
    /// T × T score and probability matrix.
    /// </summary>
    private double StepBytes()
    {
        var e = EncoderConfig.Preset(Preset, EncoderInputSpec.Ids(8));
        double t = WindowLength;
        return 4.0 * BatchSize * e.Layers * (t * (10.0 * e.Width + 2.0 * e.FeedForwardSize) + 2.0 * e.Heads * t * t);
    }

    /// <summary>Steps that train on <paramref name="nucleotides"/> bases at this window, batch and accumulation.</summary>
    public int StepsFor(long nucleotides) =>
        (int)Math.Max(1, Math.Ceiling(nucleotides / (double)((long)WindowLength * BatchSize * Optimization.AccumulationSteps)));
}
