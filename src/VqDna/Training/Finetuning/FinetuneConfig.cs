using VqDna.Models.Encoder;
using VqDna.IO;
using VqDna.Torch.NN;
using VqDna.Training.Engine;

namespace VqDna.Training.Finetuning;

/// <summary>How to fine-tune a pre-trained encoder on a labelled task; written to training.json and compared on resume.</summary>
/// <param name="Mode">full (the default, <see cref="DefaultMode"/>), lora or probe.</param>
/// <param name="LoRA">Rank, alpha, dropout and target modules (DNABERT-2's r 8, α 32, dropout 0.05 on query and value).</param>
/// <param name="Optimization">Steps (or see <paramref name="Epochs"/>), learning rate, schedule, seed.</param>
/// <param name="Epochs">Passes over the training split when <see cref="OptimizationConfig.Steps"/> is 0.</param>
/// <param name="BatchSize">Sequences per micro-batch (DNABERT-2's GUE runs: 32).</param>
/// <param name="EvalEvery">Steps between dev evaluations; 0 for four per epoch.</param>
/// <param name="Patience">Epochs without a better dev MCC before stopping (counted in evaluations, rounded up); 0 never stops
/// early. Counted in epochs, not evaluations, so a run never stops before it has seen every example that many times; and never
/// in the first quarter of the run (<see cref="BestModelTracker.MinimumShareOfRun"/>).</param>
/// <param name="MaxTrainExamples">Use at most this many training examples (a fixed random subset); 0 for all.</param>
/// <param name="MaxDevExamples">Select the best step on at most this many dev examples (a fixed random subset); 0 for all.</param>
/// <param name="Pooling">How the head's input is pooled from the hidden states; the entry points start from
/// <see cref="DefaultPooling"/> (a training.json written before the setting existed reads the mean, what it ran).</param>
/// <param name="ReverseComplement">Read each training row on its reverse strand half the time (<see cref="StrandAugmentation"/>);
/// for tasks whose labels have no strand. Off by default.</param>
/// <param name="Dropout">The dropout while fine-tuning, on the head and on the encoder's embedding and residual branches
/// (BERT's hidden dropout; attention dropout stays the backbone's); null keeps the backbone's (0.1 in our presets) and the
/// head's <see cref="ClassifierConfig"/> default.</param>
/// <param name="LinearHead">Full fine-tuning with one Linear from the pooled vector to the classes instead of RoBERTa's
/// dense → tanh → out_proj head (the issue's "head: linear vs MLP"); a probe's head is always linear.</param>
/// <param name="FreezeEmbedding">Full fine-tuning with the encoder's input layer held at its pre-trained weights: the token
/// embedding table, or a learned tokenizer's input projection (the issue's "the embedding trainable or not").</param>
/// <param name="PooledBatchNorm">Standardise the pooled vector per feature (BatchNorm1d without scale or shift) before the head
/// (<see cref="ClassifierConfig.PooledBatchNorm"/>). Why: a window's pooled vector varies across rows by a small fraction
/// of its mean (on the covid task a few changed codes in 1,000 tokens), and an optimizer that moves each weight by about
/// the learning rate fits such inputs read raw barely at all (README, covid: *Where the signal is lost*). On covid at 2,000
/// rows it lifted BPE's backbone from test MCC 0.171 ± 0.016 to 0.228 ± 0.013 (seeds 0–2) and left the 6mer one at chance
/// (README, *The default recipe on covid*). Off by default: on three 2,000-row tasks it cost coding_200 0.044 MCC and moved
/// tf_ctcf and tf_foxa1 within two seeds' spread.</param>
public sealed record FinetuneConfig(
    FinetuneMode Mode,
    LoRAConfig LoRA,
    OptimizationConfig Optimization,
    double Epochs = FinetuneConfig.DefaultEpochs,
    int BatchSize = FinetuneConfig.DefaultBatchSize,
    int EvalEvery = 0,
    double Patience = FinetuneConfig.DefaultPatience,
    int MaxTrainExamples = 0,
    SequencePooling Pooling = SequencePooling.Mean,
    int MaxDevExamples = 0,
    bool ReverseComplement = false,
    double? Dropout = null,
    bool LinearHead = false,
    bool FreezeEmbedding = false,
    bool PooledBatchNorm = false)
{
    /// <summary>
    /// How `vqdna finetune`, `vqdna bench` and the quickstart adapt a pre-trained encoder unless told otherwise: every
    /// weight. The paper's protocol (LoRA on query/value, DNABERT-2's) assumes a backbone pre-trained for 500k steps;
    /// on the backbones a CPU affords, LoRA barely moves off chance while full fine-tuning learns (issue 16's ablation,
    /// README). LoRA stays one option away (`--mode lora`).
    /// </summary>
    public const FinetuneMode DefaultMode = FinetuneMode.Full;

    /// <summary>
    /// The recipe every entry point starts from (the CLI's option defaults, the benchmark, the quickstart), so a
    /// change of default is made once: <paramref name="mode"/> at its learning rate, every other setting at its default.
    /// </summary>
    public static FinetuneConfig Default(FinetuneMode mode = DefaultMode, ulong seed = OptimizationConfig.DefaultSeed) =>
        new(mode, new LoRAConfig(), new OptimizationConfig(Steps: 0, LearningRate: DefaultLearningRate(mode), Seed: seed), Pooling: DefaultPooling(mode));

    /// <summary>
    /// What the head reads unless told otherwise, the same for every tokenizer: the mean and the maximum over the tokens side
    /// by side (ULMFiT's concat pooling), since 2026-12-06. The task, not the tokenizer, decided which of the two single
    /// poolings read it better (the maximum: +0.04/+0.05 on tf_ctcf, −0.055 for kmer6 on coding_200); with both the head
    /// chooses (issue 16, README "Mean and max side by side"). LoRA keeps the mean: peft's adapter folder records no pooling.
    /// </summary>
    public static SequencePooling DefaultPooling(FinetuneMode mode) => mode == FinetuneMode.Lora ? SequencePooling.Mean : SequencePooling.MeanMax;

    /// <summary>
    /// Passes over the training split (DNABERT-2's GUE runs: 3 to 10). Twenty: on 2,000 rows a small backbone's dev score
    /// is still rising at the last step of 10 epochs on the motif tasks; at 20 the learned-tokenizer backbone went from
    /// 0.339 to 0.622 MCC on tf_foxa1, 0.670 to 0.776 on tf_ctcf, 0.732 to 0.758 on tf_sp1 and 0.783 to 0.811 on tf_rest
    /// (three seeds each; issue 16, README "20 epochs instead of 10"). The weights of the best dev evaluation are kept, so a
    /// run that peaks early keeps its peak: kmer6 on coding_200 peaks at steps 192–448 of 1,243 and scores 0.781 at 10
    /// epochs and at 20.
    /// </summary>
    public const double DefaultEpochs = 20;

    /// <summary>Sequences per micro-batch (DNABERT-2's GUE runs: 32).</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>
    /// Epochs without a better dev MCC before stopping; by default none: every run takes its <see cref="DefaultEpochs"/>
    /// and keeps its best dev evaluation. Replayed on the dev curves of 31 ten-epoch runs (issue 16, README), a patience of
    /// 3 epochs never changed the model kept by the 12 runs it stopped after their best, and it stopped all three HRQ runs
    /// on tf_foxa1 at chance (dev MCC 0.03–0.09), before the dev score started to rise after 4–5 epochs and reached
    /// 0.20–0.55. Counted in evaluations (5, 1.25 epochs) it had stopped an earlier HRQ run at step 96 with its best at step
    /// 16. `--patience` turns it on, to save time where a task is known to converge early.
    /// </summary>
    public const double DefaultPatience = 0;

    /// <summary>
    /// Peak learning rates by mode, the same for every tokenizer (never tuned per tokenizer): adapters and
    /// probes take larger steps than a full update of the pre-trained weights.
    /// </summary>
    public static double DefaultLearningRate(FinetuneMode mode) => mode switch
    {
        FinetuneMode.Full => 1e-4,
        _ => 1e-3,
    };

    /// <summary>Checks LoRA, optimization and the other settings; returns this, or throws naming the setting.</summary>
    public FinetuneConfig Validate()
    {
        LoRA.Validate();
        if (Optimization.Steps < 0) throw new ArgumentOutOfRangeException("Steps", Optimization.Steps, "must be positive, or 0 to count epochs");
        (Optimization with { Steps = Math.Max(1, Optimization.Steps) }).Validate();
        if (!double.IsFinite(Epochs) || Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be positive");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive");
        MemoryBudget.AtMost(nameof(BatchSize), BatchSize, MemoryBudget.MaxBatch);
        if (EvalEvery < 0) throw new ArgumentOutOfRangeException(nameof(EvalEvery), EvalEvery, "must be non-negative");
        if (!double.IsFinite(Patience) || Patience < 0) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "must be non-negative");
        if (MaxTrainExamples < 0) throw new ArgumentOutOfRangeException(nameof(MaxTrainExamples), MaxTrainExamples, "must be non-negative");
        if (MaxDevExamples < 0) throw new ArgumentOutOfRangeException(nameof(MaxDevExamples), MaxDevExamples, "must be non-negative");
        if (!Enum.IsDefined(Pooling)) throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "must be mean, max or mean-max");
        if (Dropout is { } p && !(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        // A LoRA folder is read back with RoBERTa's head (peft's layout records none other), and LoRA and a probe train no
        // embedding: both settings are full fine-tuning's.
        if (Mode != FinetuneMode.Full && (LinearHead || FreezeEmbedding))
            throw new ArgumentException($"{(LinearHead ? "a linear head" : "a frozen embedding")} is a setting of full fine-tuning: {WhyFullOnly(Mode)}",
                LinearHead ? nameof(LinearHead) : nameof(FreezeEmbedding));
        // A LoRA folder is peft's adapter_config.json beside the adapter weights, read back with a mean-pooled head:
        // peft's format has no place for the pooling, so a folder trained otherwise would predict wrongly.
        if (Mode == FinetuneMode.Lora && Pooling != SequencePooling.Mean)
            throw new ArgumentException($"{Pooling.Name()} pooling needs full fine-tuning or a probe: a LoRA adapter folder (peft's format) records no pooling", nameof(Pooling));
        if (Mode == FinetuneMode.Lora && PooledBatchNorm)
            throw new ArgumentException($"a batch-normalised pooled vector {WhyNotLora}", nameof(PooledBatchNorm));
        return this;
    }

    /// <summary>Why <see cref="PooledBatchNorm"/> does not apply to LoRA.</summary>
    public const string WhyNotLora = "needs full fine-tuning or a probe: a LoRA adapter folder (peft's format) is read back with RoBERTa's head alone";

    /// <summary>Why <see cref="LinearHead"/> and <see cref="FreezeEmbedding"/> do not apply in <paramref name="mode"/> (LoRA or probe).</summary>
    public static string WhyFullOnly(FinetuneMode mode) => mode == FinetuneMode.Probe
        ? "a probe's head is linear and its encoder frozen already"
        : "a LoRA adapter trains no embedding and is read back with RoBERTa's head";

    /// <summary>The head this run trains on <paramref name="labels"/> classes: a probe or RoBERTa's head, its pooling and dropout.</summary>
    public ClassifierConfig Classifier(int labels)
    {
        var head = new ClassifierConfig(labels, Probe: Mode == FinetuneMode.Probe || LinearHead, Pooling: Pooling, PooledBatchNorm: PooledBatchNorm);
        return Dropout is { } p ? head with { Dropout = p } : head;
    }

    /// <summary>Optimizer steps for a training split of <paramref name="examples"/> sequences.</summary>
    public int ResolveSteps(int examples) => Optimization.Steps > 0 ? Optimization.Steps
        : (int)Math.Max(1, Math.Ceiling(Epochs * examples / (BatchSize * (double)Optimization.AccumulationSteps)));

    /// <summary>Dev evaluations without a better MCC before stopping (0: never) for a training split of <paramref name="examples"/> sequences.</summary>
    public int ResolvePatience(int examples)
    {
        if (Patience == 0) return 0;
        double stepsPerEpoch = examples / (BatchSize * (double)Optimization.AccumulationSteps);
        return Math.Max(1, (int)Math.Ceiling(Patience * stepsPerEpoch / ResolveEvalEvery(examples) - 1e-9));
    }

    /// <summary>Steps between dev evaluations for a training split of <paramref name="examples"/> sequences.</summary>
    public int ResolveEvalEvery(int examples) => EvalEvery > 0 ? EvalEvery
        : Math.Max(1, (int)Math.Ceiling(examples / (BatchSize * (double)Optimization.AccumulationSteps) / 4));
}
