using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Analysis.Variants;

/// <summary>Settings of `vqdna analyze variants`.</summary>
/// <param name="Tokenizers">Learned tokenizer folders (HRQ and/or VQ); at least one.</param>
/// <param name="Model">Pre-trained encoder folder whose pooled output is projected too; null to skip.</param>
/// <param name="CovidDir">Folder written by `vqdna data covid` (root.fa, genomes.tsv, defining_mutations.tsv).</param>
/// <param name="MaxDistance">Largest distance (bases) from a mutation in the token-change curves.</param>
/// <param name="IsolationRadius">A site is isolated when its genome has no other difference within this many bases: 2 × the largest distance keeps every compared position clear of other mutations' own windows.</param>
/// <param name="BpeVocab">BPE vocabulary. DNABERT-2 uses 4,096 on 32 Gbp; the corpus here is one 30 kb genome in a few dozen near-identical copies, so the default is 1,024.</param>
/// <param name="BpeGenomes">Training-split genomes added to the reference for BPE training (spread over the variants).</param>
/// <param name="Kmer">k of the non-overlapping k-mer baseline (Nucleotide Transformer: 6).</param>
/// <param name="Seed">Seed of every random choice (genome sample, window offsets).</param>
/// <param name="TsneIterations">t-SNE gradient steps.</param>
/// <param name="EncoderStart">First root position (1-based) of the region the encoder embeds; 0 with <paramref name="EncoderEnd"/> 0 for the whole genome. Default: the spike gene (S, 21,563–25,384), where most defining mutations lie; a whole genome through the encoder costs ~8× more.</param>
/// <param name="EncoderEnd">Last root position (inclusive) of that region.</param>
/// <param name="Engine">What runs the learned tokenizers' encoders.</param>
public sealed record VariantAnalysisSettings(
    IReadOnlyList<string> Tokenizers,
    string? Model,
    string CovidDir,
    int MaxDistance = VariantAnalysisSettings.DefaultMaxDistance,
    int IsolationRadius = 100,
    int BpeVocab = VariantAnalysisSettings.DefaultBpeVocab,
    int BpeGenomes = 27,
    int Kmer = 6,
    int Seed = 0,
    int TsneIterations = 1000,
    int EncoderStart = VariantAnalysisSettings.SpikeStart,
    int EncoderEnd = VariantAnalysisSettings.SpikeEnd,
    InferenceEngine Engine = InferenceDefaults.Engine)
{
    /// <summary>The default largest distance from a mutation in the token-change curves.</summary>
    public const int DefaultMaxDistance = 50;

    /// <summary>The default BPE vocabulary (see <see cref="BpeVocab"/>).</summary>
    public const int DefaultBpeVocab = 1024;

    /// <summary>First root position of the spike gene (S), the encoder's default region.</summary>
    public const int SpikeStart = 21563;

    /// <summary>Last root position of the spike gene (S).</summary>
    public const int SpikeEnd = 25384;

    /// <summary>Checks the folders exist and every number is in range; returns this, or throws naming the option.</summary>
    public VariantAnalysisSettings Validate()
    {
        if (Tokenizers.Count == 0) throw new ArgumentException("give at least one learned tokenizer folder (--tokenizer)", nameof(Tokenizers));
        foreach (var t in Tokenizers) if (!Directory.Exists(t)) throw new DirectoryNotFoundException($"--tokenizer '{t}' is not a folder");
        if (Model is not null && !Directory.Exists(Model)) throw new DirectoryNotFoundException($"--model '{Model}' is not a folder");
        if (MaxDistance is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(MaxDistance), MaxDistance, "must be in 1..1000");
        if (IsolationRadius < 0) throw new ArgumentOutOfRangeException(nameof(IsolationRadius), IsolationRadius, "cannot be negative");
        if (BpeVocab < 16) throw new ArgumentOutOfRangeException(nameof(BpeVocab), BpeVocab, "must be at least 16 (special tokens and the alphabet)");
        if (BpeGenomes < 0) throw new ArgumentOutOfRangeException(nameof(BpeGenomes), BpeGenomes, "cannot be negative");
        if (Kmer is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(Kmer), Kmer, "must be in 1..12");
        if (EncoderStart < 0 || EncoderEnd < EncoderStart || (EncoderStart == 0) != (EncoderEnd == 0))
            throw new ArgumentOutOfRangeException(nameof(EncoderEnd), $"encoder region {EncoderStart}..{EncoderEnd}: expected 1 ≤ start ≤ end, or both 0 for the whole genome");
        if (TsneIterations < 1) throw new ArgumentOutOfRangeException(nameof(TsneIterations), TsneIterations, "must be positive");
        return this;
    }
}
