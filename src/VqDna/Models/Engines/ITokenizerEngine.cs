using VqDna.Models.Tokenizer;

namespace VqDna.Models.Engines;

/// <summary>
/// One batch through a learned tokenizer's encoder and quantizers: nucleotide ids (rows × length, A C G T N =
/// 0..4) in, codes per level and the tokenizer embedding out. It is the only part of tokenizing that differs
/// between engines; the learned tokenizer (<c>Tokenizers.Learned.LearnedTokenizer</c>) does the windowing around it. The
/// results live in buffers the engine reuses: they are valid until the next <see cref="Run"/>.
/// </summary>
public interface ITokenizerEngine : IDisposable
{
    /// <summary>Which engine this is.</summary>
    InferenceEngine Kind { get; }

    /// <summary>The architecture the engine runs (levels, code dimension).</summary>
    VqTokenizerConfig Config { get; }

    /// <summary>
    /// Runs one batch: <paramref name="nucleotides"/> holds rows × length ids, row-major. The embedding is computed
    /// only when <paramref name="embedding"/> is set (an engine may compute it anyway).
    /// </summary>
    void Run(ReadOnlySpan<long> nucleotides, int rows, int length, bool embedding);

    /// <summary>Codes of level <paramref name="level"/> (0-based) of the last batch: rows × length, row-major.</summary>
    ReadOnlySpan<long> Codes(int level);

    /// <summary>The embedding of the last batch: rows × length × CodeDim, row-major; empty when it was not asked for.</summary>
    ReadOnlySpan<float> Embedding { get; }
}
