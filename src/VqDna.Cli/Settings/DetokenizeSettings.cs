using VqDna.IO;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna detokenize`, named after their options.</summary>
/// <param name="Codes">Codes file, or "-" for standard input (the codes argument).</param>
/// <param name="Format">Codes format when not the file's extension (--format).</param>
/// <param name="Tokenizer">Tokenizer folder (--tokenizer).</param>
/// <param name="Output">FASTA file, or "-" for standard output (--output).</param>
/// <param name="Reference">Original sequences, for the reconstruction accuracy (--reference).</param>
/// <param name="Window">Positions per window (--window).</param>
internal sealed record DetokenizeSettings(string Codes, CodesFormat? Format, string Tokenizer, string Output, string? Reference, int Window) : IVerbSettings
{
    /// <summary>The input's codes format: --format, else its extension (TSV on standard input).</summary>
    public CodesFormat CodesFormat => CodesFormatOption.Resolve("<codes>", Codes, Format);

    /// <summary>True when the sequences go to standard output, so the summary goes to standard error.</summary>
    public bool SequencesOnStandardOutput => Output == CodesFile.StandardStream;

    public void Validate()
    {
        Check.Positive("--window", Window);
        Check.InputFile("<codes>", Codes, "a codes file from `vqdna tokenize` (.tsv or .jsonl)", allowStandardInput: true);
        _ = CodesFormat;
        Check.InputFolder("--tokenizer", Tokenizer, "a tokenizer folder (from `vqdna tokenizer train`)");
        if (Reference is not null) Check.InputFile("--reference", Reference, "a FASTA, GenBank or FASTQ file");
        Check.OutputFile("--output", Output, new("<codes>", Codes), new("--reference", Reference), new("--tokenizer", Tokenizer));
    }
}
