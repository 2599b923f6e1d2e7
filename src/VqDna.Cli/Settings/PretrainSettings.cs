using VqDna.Inputs;
using VqDna.IO;
using VqDna.Training.Engine;
using VqDna.Training.Pretraining;
using VqDna.Models.Encoder;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna pretrain`, named after their options.</summary>
/// <param name="Corpus">Sequence files (the corpus argument); empty: --manifest or the embedded genomes.</param>
/// <param name="Manifest">A `vqdna data fetch` manifest (--manifest).</param>
/// <param name="AllowDataChange">Resume on other data (--allow-data-change).</param>
/// <param name="Tokenizer">The tokenizer (--tokenizer).</param>
/// <param name="Output">Output folder (--output).</param>
/// <param name="Preset">Encoder size (--preset).</param>
/// <param name="Window">Nucleotides per window (--window).</param>
/// <param name="Batch">Windows per micro-batch (--batch).</param>
/// <param name="Accumulate">Micro-batches per step (--accumulate).</param>
/// <param name="Steps">Budget in steps (--steps).</param>
/// <param name="Nucleotides">Budget in nucleotides (--nucleotides).</param>
/// <param name="Minutes">Budget in minutes (--minutes).</param>
/// <param name="LearningRate">Peak learning rate (--lr).</param>
/// <param name="MaskRate">Fraction of tokens predicted (--mask-rate).</param>
/// <param name="MaskSpan">Tokens masked together (--mask-span).</param>
/// <param name="Seed">Random seed (--seed).</param>
/// <param name="CheckpointEvery">Steps between checkpoints (--checkpoint-every).</param>
/// <param name="EvalEvery">Steps between held-out evaluations (--eval-every).</param>
/// <param name="Overwrite">Replace a finished model in the output folder (--overwrite).</param>
internal sealed record PretrainSettings(
    IReadOnlyList<string> Corpus, string? Manifest, bool AllowDataChange, string Tokenizer, string Output, EncoderPreset Preset,
    int Window, int Batch, int Accumulate, int? Steps, long? Nucleotides, double? Minutes, double LearningRate,
    double MaskRate, int? MaskSpan, ulong Seed, int CheckpointEvery, int EvalEvery, bool Overwrite = false) : IVerbSettings
{
    /// <summary>Keep checkpoint.safetensors (and the best-model copy) and the lock files when the run finishes (--keep-checkpoints).</summary>
    public bool KeepCheckpoints { get; init; }

    /// <summary>Where models run and in what precision (--device and --precision); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.Positive("--window", Window);
        Check.Positive("--batch", Batch);
        Check.Positive("--accumulate", Accumulate);
        Check.LearningRate("--lr", LearningRate);
        Check.Positive("--checkpoint-every", CheckpointEvery);
        Check.Positive("--eval-every", EvalEvery);
        if (new object?[] { Steps, Nucleotides, Minutes }.Count(b => b is not null) > 1)
            throw UsageException.Because("give one budget: --steps, --nucleotides or --minutes");
        if (Steps is { } steps) Check.Positive("--steps", steps);
        if (Nucleotides is < 1) throw UsageException.Invalid("--nucleotides", "positive", Nucleotides);
        if (Minutes is { } m && (!double.IsFinite(m) || m <= 0)) throw UsageException.Invalid("--minutes", "a positive number", m);
        try { Masking().Validate(); }                                          // the rule lives in the record; the CLI names the option
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(MaskingConfig.Rate)) { throw UsageException.Invalid("--mask-rate", "a number in (0, 1)", MaskRate); }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(MaskingConfig.Span)) { throw UsageException.Invalid("--mask-span", "positive", MaskSpan); }
        if (Corpus.Count > 0 && Manifest is not null) throw UsageException.Because("give corpus files or --manifest, not both");
        foreach (var file in Corpus) Check.InputFile("<corpus>", file, "a FASTA, GenBank or FASTQ file");
        if (Manifest is not null) Check.InputFile("--manifest", Manifest, "a manifest.tsv from `vqdna data fetch`");
        TokenizerSpec spec;
        try { spec = TokenizerSpec.Parse(Tokenizer); }
        catch (ArgumentException e) { throw UsageException.Because($"--tokenizer: {e.Message}"); }
        _ = ToConfig();
        Check.OutputFolder("--output", Output, model: true, Overwrite,
            [new("--tokenizer", spec.Path is { } p && File.Exists(p) ? Path.GetDirectoryName(Path.GetFullPath(p)) : spec.Path), new("--manifest", Manifest), .. Corpus.Select(f => new ReadPath("<corpus>", f))]);
    }

    /// <summary>The library's pre-training config, the budget resolved to steps (or minutes).</summary>
    public PretrainingConfig ToConfig()
    {
        var optimization = PretrainingConfig.DefaultOptimization(Steps ?? PretrainingConfig.DefaultSteps, Seed) with
        {
            LearningRate = LearningRate,
            AccumulationSteps = Accumulate,
            CheckpointEvery = CheckpointEvery,
        };
        var config = new PretrainingConfig(Preset, Tokenizer, optimization, Masking(),
            Window, Batch, EvalEvery, Minutes: Minutes);
        if (Nucleotides is { } budget) config = config with { Optimization = optimization with { Steps = config.StepsFor(budget) } };
        return Check.Config(config.Validate, ("WindowLength", "--window"), ("BatchSize", "--batch"));
    }

    private MaskingConfig Masking() => new(Rate: MaskRate, Span: MaskSpan);
}
