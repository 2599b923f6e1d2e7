using VqDna.IO;
using VqDna.Analysis.Variants;
using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna analyze variants`, named after their options.</summary>
/// <param name="Tokenizers">Learned tokenizer folders, HRQ or VQ (--tokenizer, repeated).</param>
/// <param name="Model">Pre-trained encoder folder whose pooled output is projected too (--model).</param>
/// <param name="Covid">Folder written by `vqdna data covid` (--covid).</param>
/// <param name="Output">Output folder (--output).</param>
/// <param name="MaxDistance">Largest distance from a mutation in the token-change curves (--max-distance).</param>
/// <param name="BpeVocab">BPE vocabulary (--bpe-vocab).</param>
/// <param name="EncoderRegion">Root positions START-END the encoder embeds, or "all" (--encoder-region).</param>
/// <param name="Seed">Seed of the BPE genome sample and the window offsets (--seed).</param>
/// <param name="Engine">What runs the tokenizers' encoders (--engine).</param>
internal sealed record VariantsAnalyzeSettings(
    IReadOnlyList<string> Tokenizers, string? Model, string Covid, string Output, int MaxDistance, int BpeVocab, string EncoderRegion, int Seed,
    InferenceEngine Engine = InferenceDefaults.Engine) : IVerbSettings
{
    /// <summary>The largest --max-distance (VariantAnalysisSettings' range).</summary>
    public const int MaxMaxDistance = 1000;

    /// <summary>The smallest --bpe-vocab: the special tokens and the alphabet.</summary>
    public const int MinBpeVocab = 16;

    public void Validate()
    {
        if (Tokenizers.Count == 0) throw UsageException.Because("--tokenizer: give at least one learned tokenizer folder (HRQ or VQ)");
        foreach (var folder in Tokenizers) Check.InputFolder("--tokenizer", folder, "a learned tokenizer folder (`vqdna tokenizer train`)");
        if (Model is not null) Check.InputFolder("--model", Model, "a pre-trained encoder folder (`vqdna pretrain`)");
        Check.InputFolder("--covid", Covid, "the folder `vqdna data covid` writes");
        Check.OutputFolder("--output", Output, reads: [new("--model", Model), new("--covid", Covid), .. Tokenizers.Select(t => new ReadPath("--tokenizer", t))]);
        if (MaxDistance is < 1 or > MaxMaxDistance) throw UsageException.Invalid("--max-distance", $"in 1..{MaxMaxDistance}", MaxDistance);
        if (BpeVocab < MinBpeVocab) throw UsageException.Invalid("--bpe-vocab", $"at least {MinBpeVocab} (special tokens and the alphabet)", BpeVocab);
        if (Region() is null) throw UsageException.Invalid("--encoder-region", "START-END (1-based root positions, START ≤ END) or 'all'", EncoderRegion);
    }

    /// <summary>The encoder region as root positions; (0, 0) for whole genomes; null when the text is not a region.</summary>
    public (int Start, int End)? Region()
    {
        if (EncoderRegion == "all") return (0, 0);
        var parts = EncoderRegion.Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out int start) && int.TryParse(parts[1], out int end) && start >= 1 && end >= start ? (start, end) : null;
    }

    /// <summary>The library's settings of the analysis (the isolation radius is twice the largest distance).</summary>
    public VariantAnalysisSettings ToLibrary()
    {
        var (start, end) = Region() ?? throw new InvalidOperationException("Validate() first");
        return new VariantAnalysisSettings(Tokenizers, Model, Covid, MaxDistance: MaxDistance, IsolationRadius: 2 * MaxDistance, BpeVocab: BpeVocab,
            Seed: Seed, EncoderStart: start, EncoderEnd: end, Engine: Engine).Validate();
    }
}
