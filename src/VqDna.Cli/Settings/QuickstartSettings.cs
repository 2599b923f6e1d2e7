using VqDna.Quickstart;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna quickstart`, named after their options.</summary>
/// <param name="Output">Output folder (--output).</param>
/// <param name="Force">Redo finished stages (--force).</param>
/// <param name="Baseline">Hand-made tokenizer compared with HRQ (--baseline).</param>
/// <param name="TokenizerSteps">HRQ tokenizer steps (--tokenizer-steps).</param>
/// <param name="PretrainSteps">Masked-modeling steps per encoder (--pretrain-steps).</param>
/// <param name="Seeds">Fine-tuning runs per task and tokenizer (--seeds).</param>
/// <param name="Epochs">Fine-tuning passes over each training split (--epochs).</param>
internal sealed record QuickstartSettings(string Output, bool Force, string Baseline, int TokenizerSteps, int PretrainSteps, int Seeds, double Epochs) : IVerbSettings
{
    /// <summary>Where models run and in what precision (--device and --precision); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.OutputFolder("--output", Output);
        Check.Positive("--tokenizer-steps", TokenizerSteps);
        Check.Positive("--pretrain-steps", PretrainSteps);
        Check.Positive("--seeds", Seeds);
        if (!double.IsFinite(Epochs) || Epochs <= 0) throw UsageException.Invalid("--epochs", "a positive number", Epochs);
        try
        {
            VqDna.Inputs.TokenizerSpec.Parse(Baseline);
        }
        catch (ArgumentException e)
        {
            throw UsageException.Because($"--baseline: {e.Message}");
        }
    }

    /// <summary>
    /// <paramref name="defaults"/> with these settings and <paramref name="genomes"/>, validated by the library; a range
    /// error names the option (issue 19: `--pretrain-steps 2` said "PretrainSteps must be at least 4 (Parameter …)").
    /// </summary>
    public QuickstartConfig ToConfig(QuickstartConfig defaults, IReadOnlyList<string> genomes) => Check.Config(() => (defaults with
    {
        Genomes = genomes,
        OutputDirectory = Output,
        Force = Force,
        Baseline = Baseline,
        TokenizerSteps = TokenizerSteps,
        PretrainSteps = PretrainSteps,
        FinetuneSeeds = Seeds,
        FinetuneEpochs = Epochs,
    }).Validate(), ("TokenizerSteps", "--tokenizer-steps"), ("PretrainSteps", "--pretrain-steps"), ("FinetuneSeeds", "--seeds"), ("FinetuneEpochs", "--epochs"));
}
