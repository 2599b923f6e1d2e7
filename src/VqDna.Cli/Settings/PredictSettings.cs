using VqDna.Inference;
using VqDna.IO;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna predict`, named after their options.</summary>
/// <param name="Input">CSV or sequence file (the input argument).</param>
/// <param name="Model">Fine-tuned model folder (--model).</param>
/// <param name="Output">Predictions CSV, or - for standard output (--output).</param>
/// <param name="Batch">Sequences per forward pass (--batch).</param>
/// <param name="Engine">What runs the forward passes (--engine).</param>
/// <param name="Force">Use an adapter's base even when its weights changed (--force).</param>
/// <param name="Window">Nucleotides per window, or null for one prediction per record (--window).</param>
/// <param name="Stride">Nucleotides between window starts; the window when null (--stride).</param>
/// <param name="Bed">BED file of predicted regions, or null (--bed; needs --window).</param>
internal sealed record PredictSettings(string Input, string Model, string Output, int Batch, InferenceEngine Engine = InferenceDefaults.Engine,
    bool Force = false, int? Window = null, int? Stride = null, string? Bed = null) : IVerbSettings
{
    /// <summary>The windows to cut records into, or null.</summary>
    public SequenceWindows? Windows => Window is { } w ? new SequenceWindows(w, Stride ?? w) : null;

    /// <summary>Where models run (--device); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.InputFile("<input>", Input, "a CSV with a 'sequence' column, or a FASTA/GenBank/FASTQ file");
        Check.InputFolder("--model", Model, "a folder from `vqdna finetune`, or a `vqdna baseline` model (OUT/cnn, OUT/kmer-lr)");
        Check.OutputFile("--output", Output, new("<input>", Input), new("--model", Model));
        Check.Positive("--batch", Batch);
        if (Window is { } w) Check.Positive("--window", w);
        if (Stride is { } s) Check.Positive("--stride", s);
        if (Stride is not null && Window is null) throw UsageException.Because("--stride needs --window");
        if (Bed is not null)
        {
            if (Window is null) throw UsageException.Because("--bed needs --window (the regions are made of windows)");
            Check.OutputFile("--bed", Bed, new("<input>", Input), new("--model", Model), new("--output", Output));
            if (Bed != CodesFile.StandardStream && Path.GetFullPath(Bed) == Path.GetFullPath(Output))
                throw UsageException.Because($"--bed '{Bed}' is the same file as --output");
            Check.OneStandardOutput(("--output", Output), ("--bed", Bed));
        }
    }
}
