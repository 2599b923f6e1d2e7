using VqDna.IO;
using VqDna.Models.Tokenizer;
using VqDna.Training;
using VqDna.Training.Engine;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna tokenizer train`, named after their options.</summary>
/// <param name="Corpus">Sequence files to train on (the corpus argument); empty: --manifest or the embedded genomes.</param>
/// <param name="Manifest">A `vqdna data fetch` manifest whose files to train on (--manifest).</param>
/// <param name="Output">Output folder; resumes a checkpoint of the same run (--output).</param>
/// <param name="Preset">Model size (--preset).</param>
/// <param name="Quantizer">VQ or HRQ (--quantizer).</param>
/// <param name="Window">Nucleotides per training window (--window).</param>
/// <param name="Batch">Windows per step (--batch).</param>
/// <param name="Steps">Training steps (--steps).</param>
/// <param name="LearningRate">Peak learning rate (--lr).</param>
/// <param name="Seed">Random seed (--seed).</param>
/// <param name="CheckpointEvery">Steps between checkpoints (--checkpoint-every).</param>
/// <param name="AllowDataChange">Resume on other data than the checkpoint's (--allow-data-change).</param>
/// <param name="Overwrite">Replace a finished model in the output folder (--overwrite).</param>
internal sealed record TokenizerTrainSettings(
    IReadOnlyList<string> Corpus,
    string? Manifest,
    string Output,
    TokenizerPreset Preset,
    QuantizerKind Quantizer,
    int Window,
    int Batch,
    int Steps,
    double LearningRate,
    ulong Seed,
    int CheckpointEvery,
    bool AllowDataChange,
    bool Overwrite = false) : IVerbSettings
{
    /// <summary>Keep checkpoint.safetensors (and the best-model copy) and the lock files when the run finishes (--keep-checkpoints).</summary>
    public bool KeepCheckpoints { get; init; }

    /// <summary>Where models run and in what precision (--device and --precision); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    /// <summary>Fraction of codes hidden from the decoder during training (--code-mask-rate; issue 21).</summary>
    public double CodeMaskRate { get; init; }

    /// <summary>HRQ's levels (--levels); null: the quantizer's own (VQ 1, HRQ 2).</summary>
    public int? Levels { get; init; }

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.Positive("--window", Window);
        Check.Positive("--batch", Batch);
        Check.Positive("--steps", Steps);
        Check.LearningRate("--lr", LearningRate);
        Check.Positive("--checkpoint-every", CheckpointEvery);
        if (Levels is { } levels && Quantizer == QuantizerKind.Vq)
            throw UsageException.Because($"--levels applies to --quantizer hrq (vq has one level), got --levels {levels}");
        if (Levels is < 2) throw UsageException.Because($"--levels must be at least 2 for hrq (one level is --quantizer vq), got {Levels}");
        int blocks = VqTokenizerConfig.Preset(Preset, Quantizer).Blocks;   // each level quantizes after its own encoder block
        if (Levels > blocks)
            throw UsageException.Because($"--levels must be at most the {TokenizerPresetNames.Name(Preset)} preset's {blocks} encoder blocks, got {Levels}");
        if (Corpus.Count > 0 && Manifest is not null)
            throw UsageException.Because("give corpus files or --manifest, not both");
        foreach (var file in Corpus) Check.InputFile("<corpus>", file, "a FASTA, GenBank or FASTQ file");
        if (Manifest is not null) Check.InputFile("--manifest", Manifest, "a manifest.tsv from `vqdna data fetch`");
        _ = ToConfig();
        Check.OutputFolder("--output", Output, model: true, Overwrite, [new("--manifest", Manifest), .. Corpus.Select(f => new ReadPath("<corpus>", f))]);
    }

    /// <summary>The library's training config (validated again there: a safety net, not the user's message).</summary>
    public TokenizerTrainingConfig ToConfig() => Check.Config(() => new TokenizerTrainingConfig(
        VqTokenizerConfig.Preset(Preset, Quantizer, Levels),
        TokenizerTrainingConfig.DefaultOptimization(Steps, Seed) with { LearningRate = LearningRate, CheckpointEvery = CheckpointEvery },
        WindowLength: Window, BatchSize: Batch, CodeMaskRate: CodeMaskRate).Validate(),
        ("WindowLength", "--window"), ("BatchSize", "--batch"), ("CodeMaskRate", "--code-mask-rate"), ("Levels", "--levels"));
}
