using VqDna.Models.Tokenizer;
using VqDna.Models.Encoder;
using VqDna.Models.Baselines;
using VqDna.Training.Baselines;
using VqDna.Training.Engine;
using VqDna.Training.Finetuning;
using VqDna.Training.Pretraining;

namespace VqDna.Benchmarks;

/// <summary>
/// The tokenizer comparison of VQDNA (paper, Table 2): one backbone per tokenizer at the same size and
/// pre-training budget, fine-tuned with the same settings on every task and seed. Written to bench.json.
/// </summary>
/// <param name="Tasks">GUE-layout task folders (train.csv, dev.csv, test.csv).</param>
/// <param name="Tokenizers">Tokenizer names, in table order: see <see cref="KnownTokenizers"/>.</param>
/// <param name="Corpus">Pre-training (and tokenizer/BPE training) genome files; empty for the embedded corpus.</param>
/// <param name="Seeds">Fine-tuning runs per task and tokenizer (seeds 0..Seeds-1); the paper reports the mean of 3.</param>
/// <param name="Preset">Encoder size for every tokenizer: tiny, small or base.</param>
/// <param name="PretrainSteps">Pre-training optimizer steps, the same for every tokenizer. Equal steps of equal
/// windows mean equal DNA per step, not equal FLOPs: a 6-mer backbone sees a sixth of the tokens a
/// single-nucleotide one does, so the table reports tokens per nucleotide and pre-training time beside the scores.</param>
/// <param name="WindowLength">Nucleotides per pre-training window (every tokenizer sees the same DNA).</param>
/// <param name="BatchSize">Pre-training windows per step.</param>
/// <param name="TokenizerPreset">Size of the learned tokenizers (vq, hrq) trained when missing.</param>
/// <param name="TokenizerSteps">Training steps of each learned tokenizer.</param>
/// <param name="Finetune">One fine-tuning setting for every tokenizer and task (never tuned per tokenizer); its
/// seed is replaced by each run's seed.</param>
/// <param name="PretrainSeed">Seed of every pre-training and tokenizer training.</param>
/// <param name="Baselines">Classical baselines fitted on every task × seed beside the tokenizers (same training rows,
/// same test split, ranked with them); null for all of them (<see cref="BaselineKinds.All"/>), empty for none.</param>
public sealed record BenchmarkConfig(
    IReadOnlyList<string> Tasks,
    IReadOnlyList<string> Tokenizers,
    IReadOnlyList<string> Corpus,
    FinetuneConfig Finetune,
    int Seeds = BenchmarkConfig.DefaultSeeds,
    EncoderPreset Preset = EncoderPreset.Tiny,
    int PretrainSteps = PretrainingConfig.DefaultSteps,
    int WindowLength = PretrainingConfig.DefaultWindow,
    int BatchSize = PretrainingConfig.DefaultBatch,
    TokenizerPreset TokenizerPreset = VqTokenizerConfig.DefaultPreset,
    int TokenizerSteps = OptimizationConfig.DefaultSteps,
    ulong PretrainSeed = 0,
    IReadOnlyList<BaselineKind>? Baselines = null)
{
    /// <summary>Fine-tuning runs per task and tokenizer: the paper reports the mean of 3.</summary>
    public const int DefaultSeeds = 3;

    /// <summary>The baselines this benchmark fits, in table order.</summary>
    public IReadOnlyList<BaselineKind> BaselineList => Baselines ?? BaselineKinds.All;

    /// <summary>Table column names: the tokenizers, then the baselines.</summary>
    public IReadOnlyList<string> Columns => [.. Tokenizers, .. BaselineList.Select(b => b.Name())];

    /// <summary>
    /// The baselines' settings for one seed: the fine-tuning runs' training and dev subsets, and the CNN given as many
    /// passes as they are (when they count epochs), the defaults otherwise, and their strand augmentation.
    /// </summary>
    public BaselineConfig BaselineWithSeed(int seed) => BaselineConfig.Matching(Finetune).WithSeed((ulong)seed);

    /// <summary>
    /// The names a benchmark accepts: the hand-made baselines (char = HyenaDNA, kmer3..kmer6 = DNABERT,
    /// 6mer = Nucleotide Transformer, bpe = DNABERT-2, trained on the corpus) and the learned ones (vq, hrq),
    /// trained on the corpus when missing.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownTokenizers = ["char", "kmer3", "kmer4", "kmer5", "kmer6", "6mer", "bpe", "vq", "hrq"];

    /// <summary>The default comparison: every peer of the paper's table.</summary>
    public static readonly IReadOnlyList<string> DefaultTokenizers = ["char", "kmer6", "6mer", "bpe", "vq", "hrq"];

    /// <summary>True for the tokenizers the benchmark trains as VQ-VAE / HRQ models.</summary>
    public static bool IsLearned(string tokenizer) => tokenizer is "vq" or "hrq";

    /// <summary>The fine-tuning defaults of the benchmark: <see cref="FinetuneConfig.Default"/>, the same as `vqdna finetune`'s.</summary>
    public static FinetuneConfig DefaultFinetune(FinetuneMode mode = FinetuneConfig.DefaultMode, double epochs = FinetuneConfig.DefaultEpochs, int steps = 0,
        int maxTrainExamples = 0, SequencePooling? pooling = null, int maxDevExamples = 0)
    {
        var recipe = FinetuneConfig.Default(mode);
        return recipe with
        {
            Optimization = recipe.Optimization with { Steps = steps }, Epochs = epochs, MaxTrainExamples = maxTrainExamples, Pooling = pooling ?? recipe.Pooling,
            MaxDevExamples = maxDevExamples,
        };
    }

    /// <summary>Throws an exception naming the first bad setting; returns this config.</summary>
    public BenchmarkConfig Validate()
    {
        if (Tasks.Count == 0) throw new ArgumentException("no task folders given: pass at least one GUE-layout folder (train.csv, dev.csv, test.csv)");
        foreach (var task in Tasks)
            if (!Directory.Exists(task)) throw new DirectoryNotFoundException($"task folder '{task}' not found");
        var names = Tasks.Select(t => Path.GetFileName(Path.TrimEndingDirectorySeparator(t))).ToList();
        var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"two task folders are named '{twice.Key}': results are filed by folder name");
        if (Tokenizers.Count == 0) throw new ArgumentException($"no tokenizers given: expected some of {string.Join(", ", KnownTokenizers)}");
        var unknown = Tokenizers.Where(t => !KnownTokenizers.Contains(t)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown tokenizer(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", KnownTokenizers)}");
        var repeated = Tokenizers.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"tokenizer '{repeated.Key}' is listed twice");
        var baselineTwice = BaselineList.GroupBy(b => b).FirstOrDefault(g => g.Count() > 1);
        if (baselineTwice is not null) throw new ArgumentException($"baseline '{baselineTwice.Key.Name()}' is listed twice");
        foreach (var file in Corpus)
            if (!File.Exists(file)) throw new FileNotFoundException($"corpus file '{file}' not found", file);
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, "must be at least 1");
        if (PretrainSteps < 1) throw new ArgumentOutOfRangeException(nameof(PretrainSteps), PretrainSteps, "must be positive");
        if (TokenizerSteps < 1) throw new ArgumentOutOfRangeException(nameof(TokenizerSteps), TokenizerSteps, "must be positive");
        Finetune.Validate();
        Pretraining("char").Validate();
        if (!Enum.IsDefined(TokenizerPreset)) throw new ArgumentOutOfRangeException(nameof(TokenizerPreset), TokenizerPreset, "must be tiny, small or paper");
        return this;
    }

    /// <summary>The pre-training settings of one tokenizer: everything but the tokenizer is shared.</summary>
    public PretrainingConfig Pretraining(string tokenizerSpec) => new(
        Preset, tokenizerSpec, PretrainingConfig.DefaultOptimization(PretrainSteps, PretrainSeed), new VqDna.Inputs.MaskingConfig(),
        WindowLength: WindowLength, BatchSize: BatchSize, EvalEvery: Math.Max(1, Math.Min(PretrainingConfig.DefaultEvalEvery, PretrainSteps)));

    /// <summary>The fine-tuning settings of one seed.</summary>
    public FinetuneConfig FinetuneWithSeed(int seed) => Finetune with { Optimization = Finetune.Optimization with { Seed = (ulong)seed } };
}
