using VqDna.IO;
using VqDna.Analysis;
using VqDna.Inference;
using VqDna.Models.Engines;
using VqDna.Models.Tokenizer;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna analyze efficiency`, named after their options.</summary>
/// <param name="Corpus">Genome files (the corpus argument); empty: the embedded genomes.</param>
/// <param name="Output">Output folder (--output).</param>
/// <param name="Task">GUE task folder for the probe (--task); null: genome classification cut from the corpus.</param>
/// <param name="Preset">Width and depth shared by every variant (--preset).</param>
/// <param name="Steps">Training steps per variant (--steps).</param>
/// <param name="CodebookSizes">K values (--codebook-sizes).</param>
/// <param name="CodeDims">Code dimensions at K = 512 (--code-dims).</param>
/// <param name="Seed">Seed of every run (--seed).</param>
/// <param name="Engine">What runs the trained encoders for the probe's embeddings (--engine).</param>
internal sealed record AnalyzeEfficiencySettings(
    IReadOnlyList<string> Corpus, string Output, string? Task, TokenizerPreset Preset, int Steps,
    IReadOnlyList<int> CodebookSizes, IReadOnlyList<int> CodeDims, ulong Seed,
    InferenceEngine Engine = InferenceDefaults.Engine) : IVerbSettings
{
    public void Validate()
    {
        Check.Positive("--steps", Steps);
        if (CodebookSizes.Count == 0) throw UsageException.Because("--codebook-sizes needs at least one value");
        if (CodeDims.Count == 0) throw UsageException.Because("--code-dims needs at least one value");
        foreach (var k in CodebookSizes) Check.Positive("--codebook-sizes", k);
        foreach (var d in CodeDims) Check.Positive("--code-dims", d);
        foreach (var file in Corpus) Check.InputFile("<corpus>", file, "a FASTA, GenBank or FASTQ file");
        if (Task is not null) Check.InputFolder("--task", Task, "a GUE task folder (train.csv, dev.csv, test.csv)");
        Check.OutputFolder("--output", Output, reads: [new("--task", Task), .. Corpus.Select(f => new ReadPath("<corpus>", f))]);
        _ = ToLibrary();
    }

    /// <summary>The library's settings of the study, every variant checked there; a range error names the option (issue 19).</summary>
    public EfficiencySettings ToLibrary() => Check.Config(() => new EfficiencySettings(Preset, [.. CodebookSizes], [.. CodeDims], Steps: Steps, Seed: Seed, Engine: Engine).Validate(),
        ("CodebookSizes", "--codebook-sizes"), ("CodeDims", "--code-dims"), ("Steps", "--steps"));
}
