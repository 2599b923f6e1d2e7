using VqDna.Inference;
using VqDna.Models.Baselines;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch.NN;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna finetune`, named after their options.</summary>
/// <param name="Task">GUE-layout task folder (the task argument).</param>
/// <param name="Model">Pre-trained model folder (--model).</param>
/// <param name="Output">Output folder (--output).</param>
/// <param name="Mode">lora, full or probe (--mode).</param>
/// <param name="Rank">LoRA rank (--lora-r).</param>
/// <param name="Alpha">LoRA alpha (--lora-alpha).</param>
/// <param name="Dropout">LoRA dropout (--lora-dropout).</param>
/// <param name="Targets">LoRA target modules (--lora-targets).</param>
/// <param name="Epochs">Passes over the training split (--epochs).</param>
/// <param name="Steps">Optimizer steps, 0 to count epochs (--steps).</param>
/// <param name="Batch">Sequences per step (--batch).</param>
/// <param name="LearningRate">Peak learning rate; null for the mode's default (--lr).</param>
/// <param name="Patience">Epochs without a better dev MCC before stopping (--patience).</param>
/// <param name="EvalEvery">Steps between dev evaluations, 0 for four per epoch (--eval-every).</param>
/// <param name="MaxTrain">Most training examples, 0 for all (--max-train).</param>
/// <param name="Seed">Random seed (--seed).</param>
/// <param name="Merge">Also write the merged model (--merge).</param>
/// <param name="Engine">What runs a learned tokenizer's encoder (--engine).</param>
/// <param name="Overwrite">Replace a finished model in the output folder (--overwrite).</param>
internal sealed record FinetuneSettings(
    string Task, string Model, string Output, FinetuneMode Mode, int Rank, double Alpha, double Dropout, string Targets,
    double Epochs, int Steps, int Batch, double? LearningRate, double Patience, int EvalEvery, int MaxTrain, ulong Seed, bool Merge,
    InferenceEngine Engine = InferenceDefaults.Engine, bool Overwrite = false) : IVerbSettings
{
    /// <summary>Keep checkpoint.safetensors (and the best-model copy) and the lock files when the run finishes (--keep-checkpoints).</summary>
    public bool KeepCheckpoints { get; init; }

    /// <summary>Where models run and in what precision (--device and --precision); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    /// <summary>Copy the pre-trained base into the adapter folder and record it there (--bundle).</summary>
    public bool Bundle { get; init; }

    /// <summary>How the head's input is pooled (--pooling).</summary>
    public SequencePooling Pooling { get; init; } = FinetuneConfig.DefaultPooling(FinetuneConfig.DefaultMode);

    /// <summary>Most dev examples the best step is chosen on, 0 for all (--max-dev).</summary>
    public int MaxDev { get; init; }

    /// <summary>Read training rows on their reverse strand half the time (--rc-augment).</summary>
    public bool ReverseComplement { get; init; }

    /// <summary>Linear warm-up steps; null for the rule of <see cref="OptimizationConfig.DefaultWarmup"/> (--warmup-steps).</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>AdamW weight decay; null for <see cref="OptimizationConfig"/>'s default (--weight-decay).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Where the cosine decay ends, as a fraction of the peak; null for <see cref="OptimizationConfig"/>'s default (--min-lr-ratio).</summary>
    public double? MinLrRatio { get; init; }

    /// <summary>Dropout of the head and the encoder's hidden states while fine-tuning; null keeps the backbone's (--dropout).</summary>
    public double? FinetuneDropout { get; init; }

    /// <summary>One Linear from the pooled vector to the classes instead of RoBERTa's head (--linear-head).</summary>
    public bool LinearHead { get; init; }

    /// <summary>Hold the encoder's input layer at its pre-trained weights (--freeze-embedding).</summary>
    public bool FreezeEmbedding { get; init; }

    /// <summary>Standardise the pooled vector per feature before the head, BatchNorm1d without scale or shift (--pooled-batchnorm).</summary>
    public bool PooledBatchNorm { get; init; }

    /// <summary>The classical baselines scored beside the model after the run: kmer-lr, cnn, both (kmer-lr,cnn), or none (--baselines).</summary>
    public string Baselines { get; init; } = BaselineKind.KmerLr.Name();

    /// <summary>The baselines of <see cref="Baselines"/>, in the order given.</summary>
    public IReadOnlyList<BaselineKind> BaselineList => BaselineKinds.ParseList(Baselines);

    /// <summary>Where a baseline trained by the run is written: OUTPUT/baselines/KIND, beside the model's files.</summary>
    public static string BaselineFolder(string output, BaselineKind kind) => Path.Combine(output, "baselines", kind.Name());

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.InputFolder("<task>", Task, "a task folder with train.csv, test.csv and dev.csv (carved from train.csv when absent)");
        Check.InputFolder("--model", Model, "a model folder from `vqdna pretrain`");
        Check.OutputFolder("--output", Output, model: true, Overwrite, new("<task>", Task), new("--model", Model));
        Check.Positive("--lora-r", Rank);
        if (!double.IsFinite(Alpha) || Alpha <= 0) throw UsageException.Invalid("--lora-alpha", "a positive number", Alpha);
        if (!double.IsFinite(Dropout) || Dropout < 0 || Dropout >= 1) throw UsageException.Invalid("--lora-dropout", "a number in [0, 1)", Dropout);
        if (TargetModules.Length == 0) throw UsageException.Invalid("--lora-targets", "one or more module names", Targets);
        if (!double.IsFinite(Epochs) || Epochs <= 0) throw UsageException.Invalid("--epochs", "a positive number", Epochs);
        Check.NonNegative("--steps", Steps);
        Check.Positive("--batch", Batch);
        if (LearningRate is { } lr) Check.LearningRate("--lr", lr);
        Check.NonNegative("--patience", Patience);
        Check.NonNegative("--eval-every", EvalEvery);
        Check.NonNegative("--max-train", MaxTrain);
        Check.NonNegative("--max-dev", MaxDev);
        if (WarmupSteps is { } warmup) Check.NonNegative("--warmup-steps", warmup);
        if (WeightDecay is { } decay) Check.NonNegative("--weight-decay", decay);
        if (MinLrRatio is { } floor && !(floor >= 0 && floor <= 1)) throw UsageException.Invalid("--min-lr-ratio", "a number in [0, 1]", floor);
        if (FinetuneDropout is { } p && !(p >= 0 && p < 1)) throw UsageException.Invalid("--dropout", "a number in [0, 1)", p);
        try { _ = BaselineList; }
        catch (ArgumentException e) { throw UsageException.Because($"--baselines: {e.Message}"); }
        if (Mode == FinetuneMode.Lora && Pooling != SequencePooling.Mean)
            throw UsageException.Because($"--pooling {Pooling.Name()} needs --mode full or probe: a LoRA adapter folder (peft's format) records no pooling");
        if (Mode != FinetuneMode.Full && (LinearHead || FreezeEmbedding))
            throw UsageException.Because($"{(LinearHead ? "--linear-head" : "--freeze-embedding")} needs --mode full: {FinetuneConfig.WhyFullOnly(Mode)}");
        if (Mode == FinetuneMode.Lora && PooledBatchNorm)
            throw UsageException.Because($"--pooled-batchnorm {FinetuneConfig.WhyNotLora}");
        if (Bundle && (Mode != FinetuneMode.Lora || Merge))
            throw UsageException.Because($"--bundle copies the base a LoRA adapter needs; {(Merge ? "--merge" : $"--mode {Mode.ToString().ToLowerInvariant()}")} writes a folder that needs none");
        _ = ToConfig();
    }

    private string[] TargetModules => Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The library's fine-tuning config.</summary>
    public FinetuneConfig ToConfig() => Check.Config(() => new FinetuneConfig(Mode, new LoRAConfig(Rank, Alpha, Dropout, TargetModules),
        Optimization(), Epochs, Batch, EvalEvery, Patience, MaxTrain, Pooling, MaxDev, ReverseComplement, FinetuneDropout, LinearHead, FreezeEmbedding, PooledBatchNorm).Validate(), ("R", "--lora-r"), ("BatchSize", "--batch"));

    private OptimizationConfig Optimization()
    {
        var optimization = new OptimizationConfig(Steps: Steps, LearningRate: LearningRate ?? FinetuneConfig.DefaultLearningRate(Mode), WarmupSteps: WarmupSteps, Seed: Seed);
        if (WeightDecay is { } decay) optimization = optimization with { WeightDecay = decay };
        return MinLrRatio is { } floor ? optimization with { MinLrRatio = floor } : optimization;
    }
}
