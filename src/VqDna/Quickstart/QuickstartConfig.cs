using VqDna.Models.Tokenizer;

namespace VqDna.Quickstart;

/// <summary>
/// The quickstart's settings: every stage of VQDNA at a size that finishes in minutes on two cores. The
/// defaults are the measured budget (see README); the learned tokenizer and the baseline get the same
/// encoder, windows, steps and fine-tuning, so their scores compare.
/// </summary>
/// <param name="Genomes">The corpus files (the embedded genomes, data/genomes).</param>
/// <param name="OutputDirectory">Where every stage writes its folder, and report.md.</param>
/// <param name="Baseline">The hand-made tokenizer compared with HRQ (any <see cref="Inputs.TokenizerSpec"/> name).</param>
/// <param name="TokenizerSteps">HRQ tokenizer training steps (256-nt windows, batch 16).</param>
/// <param name="TokenizerPreset">The HRQ tokenizer's size (the default tokenizer preset).</param>
/// <param name="PretrainSteps">Masked-modeling steps for each encoder (tiny preset).</param>
/// <param name="PretrainWindow">Nucleotides per pre-training window.</param>
/// <param name="PretrainBatch">Windows per pre-training step.</param>
/// <param name="FinetuneEpochs">Passes over each task's training split (the fine-tuning defaults otherwise).</param>
/// <param name="FinetuneSeeds">Fine-tuning runs per task and tokenizer (error bars are their std).</param>
/// <param name="SpeciesWindow">Window length of the species task (within the encoder's 256-nt window, so one chunk each).</param>
/// <param name="SpeciesPerClass">Train, dev and test windows per species.</param>
/// <param name="Seed">Seeds the tasks, the tokenizer and the encoders.</param>
/// <param name="Force">Redo every stage instead of reusing finished ones.</param>
public sealed record QuickstartConfig(
    IReadOnlyList<string> Genomes,
    string OutputDirectory,
    string Baseline = "6mer",
    int TokenizerSteps = 300,
    TokenizerPreset TokenizerPreset = VqTokenizerConfig.DefaultPreset,
    int PretrainSteps = 120,
    int PretrainWindow = 256,
    int PretrainBatch = 16,
    double FinetuneEpochs = 2,
    int FinetuneSeeds = 2,
    int SpeciesWindow = 250,
    (int Train, int Dev, int Test)? SpeciesPerClass = null,
    int Seed = 0,
    bool Force = false)
{
    /// <summary>Windows per species in train, dev and test when not given.</summary>
    public (int Train, int Dev, int Test) ResolvedSpeciesPerClass => SpeciesPerClass ?? (100, 25, 25);

    /// <summary>Checks the genome files exist and every setting is in range; returns this, or throws naming the setting.</summary>
    public QuickstartConfig Validate()
    {
        if (Genomes.Count == 0) throw new ArgumentException("the quickstart needs genome files (the embedded data/genomes)", nameof(Genomes));
        foreach (var file in Genomes)
            if (!File.Exists(file)) throw new FileNotFoundException($"genome file '{file}' does not exist", file);
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("an output folder is needed", nameof(OutputDirectory));
        Inputs.TokenizerSpec.Parse(Baseline);
        if (TokenizerSteps < 1) throw new ArgumentOutOfRangeException(nameof(TokenizerSteps), TokenizerSteps, "must be positive");
        if (PretrainSteps < 4) throw new ArgumentOutOfRangeException(nameof(PretrainSteps), PretrainSteps, "must be at least 4");
        if (PretrainWindow < 16) throw new ArgumentOutOfRangeException(nameof(PretrainWindow), PretrainWindow, "must be at least 16");
        if (PretrainBatch < 1) throw new ArgumentOutOfRangeException(nameof(PretrainBatch), PretrainBatch, "must be positive");
        if (!double.IsFinite(FinetuneEpochs) || FinetuneEpochs <= 0) throw new ArgumentOutOfRangeException(nameof(FinetuneEpochs), FinetuneEpochs, "must be positive");
        if (FinetuneSeeds < 1) throw new ArgumentOutOfRangeException(nameof(FinetuneSeeds), FinetuneSeeds, "must be positive");
        if (SpeciesWindow < 50) throw new ArgumentOutOfRangeException(nameof(SpeciesWindow), SpeciesWindow, "must be at least 50");
        var (train, dev, test) = ResolvedSpeciesPerClass;
        if (train < 1 || dev < 1 || test < 1) throw new ArgumentOutOfRangeException(nameof(SpeciesPerClass), ResolvedSpeciesPerClass, "every split needs windows");
        return this;
    }
}
