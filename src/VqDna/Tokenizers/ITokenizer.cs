namespace VqDna.Tokenizers;

/// <summary>
/// Turns a normalised DNA sequence (A, C, G, T, N) into token ids and, where the tokenizer
/// allows, back. Every tokenizer reserves the ids of <see cref="SpecialTokens"/>; the ids of
/// sequence tokens follow them. Hand-made tokenizers (single nucleotide, k-mer, BPE) and the
/// learned VQ/HRQ tokenizers implement this same contract, so the encoder and the benchmarks
/// never need to know which one they were given.
/// </summary>
public interface ITokenizer
{
    /// <summary>The "type" written in tokenizer.json: "char", "kmer", "kmer_nonoverlapping", "bpe"…</summary>
    string Type { get; }

    /// <summary>Number of ids, special tokens included: the size of the model's embedding table.</summary>
    int VocabSize { get; }

    /// <summary>The ids of [PAD], [UNK], [CLS], [SEP] and [MASK].</summary>
    SpecialTokens Special { get; }

    /// <summary>
    /// The token ids of <paramref name="sequence"/>, without special tokens. Characters outside
    /// the tokenizer's alphabet become [UNK].
    /// </summary>
    int[] Encode(ReadOnlySpan<char> sequence);

    /// <summary>True when <see cref="Decode"/> is supported.</summary>
    bool CanDecode { get; }

    /// <summary>
    /// The sequence the ids stand for; special tokens are skipped, [UNK] becomes N. Throws
    /// <see cref="NotSupportedException"/> when <see cref="CanDecode"/> is false.
    /// </summary>
    string Decode(ReadOnlySpan<int> ids);

    /// <summary>The text of token <paramref name="id"/>, e.g. "ACGTAC" or "[CLS]".</summary>
    string IdToToken(int id);

    /// <summary>Writes tokenizer.json to <paramref name="path"/>; <see cref="TokenizerFile.Load"/> reads it back.</summary>
    void Save(string path);
}
