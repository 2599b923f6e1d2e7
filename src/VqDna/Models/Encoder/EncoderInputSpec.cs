namespace VqDna.Models.Encoder;

/// <summary>
/// What the encoder reads and predicts, fixed by the tokenizer: token ids from a vocabulary (k-mer, BPE,
/// single nucleotide), or the code vectors of a frozen learned tokenizer (VQ, HRQ) with one
/// masked-modeling target per quantizer level.
/// </summary>
/// <param name="VocabSize">Size of the id vocabulary, special tokens included (0 for vector input).</param>
/// <param name="InputDim">Dimension of the input vectors (0 for id input).</param>
/// <param name="OutputVocab">Classes of each masked-modeling head: [VocabSize] for ids; the level codebook sizes for VQ/HRQ.</param>
public sealed record EncoderInputSpec(int VocabSize, int InputDim, int[] OutputVocab)
{
    /// <summary>Token-id input with one masked-modeling head over the same vocabulary.</summary>
    public static EncoderInputSpec Ids(int vocabSize) => new(vocabSize, 0, [vocabSize]);

    /// <summary>
    /// Code-vector input of dimension <paramref name="inputDim"/> with one head per quantizer level,
    /// predicting that level's code (e.g. [K, 2K] for a two-level HRQ tokenizer).
    /// </summary>
    public static EncoderInputSpec Vectors(int inputDim, params int[] levelCodebookSizes) => new(0, inputDim, levelCodebookSizes);
}
