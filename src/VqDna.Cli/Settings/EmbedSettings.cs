using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna embed`, named after their options.</summary>
/// <param name="Input">CSV or sequence file (the input argument).</param>
/// <param name="Model">Pre-trained or fine-tuned model folder (--model).</param>
/// <param name="Output">.npy or .safetensors (--output).</param>
/// <param name="Pooling">How a sequence's token states become one vector (--pooling).</param>
/// <param name="Layer">Which hidden states: 0 = embedded input … the encoder's layer count (default, the last) (--layer).</param>
/// <param name="PerToken">One vector per token instead of per sequence (--per-token).</param>
/// <param name="Batch">Sequences per forward pass (--batch).</param>
/// <param name="Window">Nucleotides per window, or null for one embedding per record (--window).</param>
/// <param name="Stride">Nucleotides between window starts; the window when null (--stride).</param>
/// <param name="Engine">What runs the encoder (--engine).</param>
internal sealed record EmbedSettings(string Input, string Model, string Output, EmbeddingPooling Pooling, int? Layer, bool PerToken, int Batch,
    int? Window = null, int? Stride = null, InferenceEngine Engine = InferenceDefaults.Engine) : IVerbSettings
{
    /// <summary>The windows to cut records into, or null.</summary>
    public SequenceWindows? Windows => Window is { } w ? new SequenceWindows(w, Stride ?? w) : null;

    /// <summary>Where models run (--device); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.InputFile("<input>", Input, "a CSV with a 'sequence' column, or a FASTA/GenBank/FASTQ file");
        Check.InputFolder("--model", Model, "a folder from `vqdna pretrain` or `vqdna finetune`");
        Check.OutputFile("--output", Output, new("<input>", Input), new("--model", Model));
        if (Output == "-" || !(Output.EndsWith(".npy", StringComparison.Ordinal) || Output.EndsWith(".safetensors", StringComparison.Ordinal)))
            throw UsageException.BadPath("--output", Output, "must end in .npy or .safetensors");
        Check.Positive("--batch", Batch);
        if (Layer is { } l) Check.NonNegative("--layer", l);
        if (Window is { } w) Check.Positive("--window", w);
        if (Stride is { } s) Check.Positive("--stride", s);
        if (Stride is not null && Window is null) throw UsageException.Because("--stride needs --window");
    }
}
