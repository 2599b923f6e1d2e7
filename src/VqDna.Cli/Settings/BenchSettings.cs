using VqDna.IO;
using VqDna.Benchmarks;
using VqDna.Models.Baselines;
using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Training.Finetuning;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna bench`, named after their options.</summary>
/// <param name="Tasks">GUE-layout task folders (--tasks).</param>
/// <param name="Tokenizers">Comma-separated tokenizer names (--tokenizers).</param>
/// <param name="Seeds">Fine-tuning runs per task and tokenizer (--seeds).</param>
/// <param name="Output">Output folder (--output).</param>
/// <param name="Corpus">Genome files for pre-training and tokenizer training (--corpus); empty: --manifest or the embedded genomes.</param>
/// <param name="Manifest">A `vqdna data fetch` manifest (--manifest).</param>
/// <param name="Preset">Encoder size for every tokenizer (--preset).</param>
/// <param name="PretrainSteps">Pre-training steps (--pretrain-steps).</param>
/// <param name="Window">Nucleotides per pre-training window (--window).</param>
/// <param name="Batch">Pre-training windows per step (--batch).</param>
/// <param name="TokenizerSteps">Training steps of the learned tokenizers (--tokenizer-steps).</param>
/// <param name="FinetuneMode">How every backbone is fine-tuned (--finetune-mode).</param>
/// <param name="FinetuneEpochs">Fine-tuning epochs when --finetune-steps is 0 (--finetune-epochs).</param>
/// <param name="FinetuneSteps">Fine-tuning steps; 0 counts epochs (--finetune-steps).</param>
/// <param name="MaxTrain">At most this many training examples per task; 0 for all (--max-train).</param>
/// <param name="Baselines">Comma-separated classical baselines, or none (--baselines).</param>
internal sealed record BenchSettings(
    IReadOnlyList<string> Tasks, string Tokenizers, int Seeds, string Output, IReadOnlyList<string> Corpus, string? Manifest, EncoderPreset Preset,
    int PretrainSteps, int Window, int Batch, int TokenizerSteps, FinetuneMode FinetuneMode, double FinetuneEpochs, int FinetuneSteps, int MaxTrain,
    string Baselines) : IVerbSettings
{
    /// <summary>The tokenizer names in table order.</summary>
    public IReadOnlyList<string> TokenizerNames => Tokenizers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Size of the learned tokenizers trained when missing (--tokenizer-preset).</summary>
    public TokenizerPreset TokenizerPreset { get; init; } = VqTokenizerConfig.DefaultPreset;

    /// <summary>Where models run and in what precision (--device and --precision); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    /// <summary>How every fine-tuned head's input is pooled (--pooling).</summary>
    public SequencePooling Pooling { get; init; } = FinetuneConfig.DefaultPooling(FinetuneConfig.DefaultMode);

    /// <summary>At most this many dev examples per task; 0 for all (--max-dev).</summary>
    public int MaxDev { get; init; }

    /// <summary>Fine-tuning and the CNN read training rows on their reverse strand half the time (--rc-augment).</summary>
    public bool ReverseComplement { get; init; }

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        if (Tasks.Count == 0) throw UsageException.Because("--tasks: give at least one GUE-layout task folder (train.csv, dev.csv, test.csv)");
        foreach (var task in Tasks) Check.InputFolder("--tasks", task, "a GUE-layout task folder (train.csv, dev.csv, test.csv)");
        // Results are filed by folder name: two folders of one name would overwrite each other's runs.
        var twice = Tasks.GroupBy(t => Path.GetFileName(Path.TrimEndingDirectorySeparator(t))).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw UsageException.Because($"--tasks: two task folders are named '{twice.Key}' ({string.Join(", ", twice)}); results are filed by folder name");
        var names = TokenizerNames;
        if (names.Count == 0) throw UsageException.Because($"--tokenizers: give some of {string.Join(", ", BenchmarkConfig.KnownTokenizers)}");
        var unknown = names.Where(t => !BenchmarkConfig.KnownTokenizers.Contains(t)).ToList();
        if (unknown.Count > 0)
            throw UsageException.Because($"--tokenizers: unknown tokenizer(s) {string.Join(", ", unknown)}; expected some of {string.Join(", ", BenchmarkConfig.KnownTokenizers)}");
        var repeated = names.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw UsageException.Because($"--tokenizers: '{repeated.Key}' is listed twice");
        Check.Positive("--seeds", Seeds);
        Check.OutputFolder("--output", Output, reads: [new("--manifest", Manifest), .. Tasks.Select(t => new ReadPath("--tasks", t)), .. Corpus.Select(f => new ReadPath("--corpus", f))]);
        if (Corpus.Count > 0 && Manifest is not null) throw UsageException.Because("give --corpus files or --manifest, not both");
        foreach (var file in Corpus) Check.InputFile("--corpus", file, "a FASTA, GenBank or FASTQ file");
        if (Manifest is not null) Check.InputFile("--manifest", Manifest, "a manifest.tsv from `vqdna data fetch`");
        Check.Positive("--pretrain-steps", PretrainSteps);
        Check.Positive("--window", Window);
        Check.Positive("--batch", Batch);
        Check.Positive("--tokenizer-steps", TokenizerSteps);
        if (!double.IsFinite(FinetuneEpochs) || FinetuneEpochs <= 0) throw UsageException.Invalid("--finetune-epochs", "a positive number", FinetuneEpochs);
        Check.NonNegative("--finetune-steps", FinetuneSteps);
        Check.NonNegative("--max-train", MaxTrain);
        Check.NonNegative("--max-dev", MaxDev);
        try { BaselineKinds.ParseList(Baselines); }
        catch (ArgumentException e) { throw UsageException.Because($"--baselines: {e.Message}"); }
        // The library's bounds (sizes, memory) are checked once, there; this names the option they concern (issue 19).
        _ = ToConfig([]);
    }

    /// <summary>
    /// The library's benchmark settings, validated; <paramref name="corpus"/> is the resolved list of genome files (empty:
    /// the embedded ones). A range error names the option.
    /// </summary>
    public BenchmarkConfig ToConfig(IReadOnlyList<string> corpus) => Check.Config(() => new BenchmarkConfig(
        Tasks: Tasks,
        Tokenizers: TokenizerNames,
        Corpus: corpus,
        Finetune: BenchmarkConfig.DefaultFinetune(FinetuneMode, FinetuneEpochs, FinetuneSteps, MaxTrain, Pooling, MaxDev) with { ReverseComplement = ReverseComplement },
        Seeds: Seeds,
        Preset: Preset,
        PretrainSteps: PretrainSteps,
        WindowLength: Window,
        BatchSize: Batch,
        TokenizerSteps: TokenizerSteps,
        TokenizerPreset: TokenizerPreset,
        Baselines: BaselineKinds.ParseList(Baselines)).Validate(),
        ("Seeds", "--seeds"), ("PretrainSteps", "--pretrain-steps"), ("TokenizerSteps", "--tokenizer-steps"), ("WindowLength", "--window"),
        // BatchSize: the pre-training batch (fine-tuning's is not an option of bench); Steps and Epochs: fine-tuning's.
        ("BatchSize", "--batch"), ("Steps", "--finetune-steps"), ("Epochs", "--finetune-epochs"), ("MaxTrainExamples", "--max-train"), ("MaxDevExamples", "--max-dev"), ("Pooling", "--pooling"));
}
