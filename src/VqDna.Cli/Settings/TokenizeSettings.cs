using VqDna.Inference;
using VqDna.IO;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna tokenize`, named after their options.</summary>
/// <param name="Input">Sequence file (the input argument).</param>
/// <param name="Tokenizer">Tokenizer folder (--tokenizer).</param>
/// <param name="Output">Codes file, or "-" for standard output (--output).</param>
/// <param name="Format">Codes format when not the output's extension (--format).</param>
/// <param name="Embeddings">Optional embeddings file (--embeddings).</param>
/// <param name="Window">Nucleotides per window (--window).</param>
/// <param name="Batch">Most windows per batch (--batch).</param>
/// <param name="Strict">Refuse IUPAC ambiguity codes other than N (--strict).</param>
/// <param name="Engine">What runs the encoder (--engine).</param>
internal sealed record TokenizeSettings(string Input, string Tokenizer, string Output, CodesFormat? Format, string? Embeddings, int Window, int Batch, bool Strict,
    InferenceEngine Engine = InferenceDefaults.Engine) : IVerbSettings
{
    /// <summary>The codes format: --format, else the output's extension (TSV on standard output).</summary>
    public CodesFormat CodesFormat => CodesFormatOption.Resolve("--output", Output, Format);

    /// <summary>True when the codes go to standard output, so the summary goes to standard error.</summary>
    public bool CodesOnStandardOutput => Output == CodesFile.StandardStream;

    /// <summary>Where models run (--device); resolved once, in <see cref="Validate"/>.</summary>
    public DeviceChoice Compute { get; init; } = DeviceChoice.Auto;

    public void Validate()
    {
        _ = Compute.Resolve();                                                // --device cuda without a GPU: one line naming the option
        Check.Positive("--window", Window);
        Check.Positive("--batch", Batch);
        Check.InputFile("<input>", Input, "a FASTA, GenBank or FASTQ file", allowStandardInput: true);
        Check.InputFolder("--tokenizer", Tokenizer, "a tokenizer folder (from `vqdna tokenizer train`)");
        Check.OutputFile("--output", Output, new("<input>", Input), new("--tokenizer", Tokenizer));
        _ = CodesFormat;
        if (Embeddings is not null)
        {
            if (Input == CodesFile.StandardStream)
                throw UsageException.Because("--embeddings needs a file input, not standard input: the embeddings file's header needs every record's length before the first row");
            Check.OneStandardOutput(("--output", Output), ("--embeddings", Embeddings));
            Check.OutputFile("--embeddings", Embeddings, new("<input>", Input), new("--tokenizer", Tokenizer), new("--output", Output));
        }
    }
}
