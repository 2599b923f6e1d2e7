using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Tokenizers.Learned;
using VqDna.Sequences;

namespace VqDna.Inputs;

/// <summary>
/// A learned (VQ/HRQ) tokenizer's frozen output as the encoder's input. VQDNA pre-trains by masked code
/// modeling with the codebook frozen; the paper does not say how codes enter the encoder. We feed the
/// tokenizer embedding itself (for HRQ the mean of the levels' codes, exactly as the tokenizer combines
/// them), projected to the model width by the encoder, so the encoder sees the same vectors the decoder
/// reconstructs DNA from; the masked-modeling heads predict every level's code.
/// </summary>
public sealed class CodeVectorInputs(LearnedTokenizer tokenizer) : SequenceInputs
{
    /// <summary>The frozen learned tokenizer (VQ or HRQ) whose codes and embeddings are the inputs.</summary>
    public LearnedTokenizer Tokenizer { get; } = tokenizer;

    /// <inheritdoc/>
    public override string Name => Tokenizer.Config.Kind;
    /// <inheritdoc/>
    public override EncoderInputSpec Spec =>
        EncoderInputSpec.Vectors(Tokenizer.Config.CodeDim, Enumerable.Range(1, Tokenizer.Config.Levels).Select(Tokenizer.Config.LevelCodebookSize).ToArray());

    /// <summary>Codes and vectors per nucleotide; N positions get the tokenizer's N code (no label) and a zero vector.</summary>
    public override IReadOnlyList<TokenizedSequence> Tokenize(IReadOnlyList<string> sequences) =>
        Tokenizer.EncodeMany(sequences).Select((e, i) => new TokenizedSequence(null, e.Embedding, e.Codes, sequences[i].Length)).ToList();

    /// <summary>
    /// Masked positions keep their vectors here and are flagged in <see cref="EncoderInput.MaskedPositions"/>
    /// (the encoder swaps in its learned mask vector); "random" positions get the vector of a random token of
    /// the batch, a real code of the vocabulary, as BERT's random-token replacement.
    /// </summary>
    protected override EncoderInput BuildInput(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions, Random? random)
    {
        int dim = Tokenizer.Config.CodeDim;
        var vectors = new float[(long)rows.Count * width * dim];
        var masked = new bool[rows.Count * width];
        for (int b = 0; b < rows.Count; b++)
            rows[b].Vectors!.CopyTo(vectors.AsSpan(b * width * dim));
        for (int at = 0; at < actions.Length; at++)
        {
            if (actions[at] == MaskAction.Mask) masked[at] = true;
            else if (actions[at] == MaskAction.Random)
            {
                int row = random!.Next(rows.Count), position = random.Next(rows[row].Length);
                rows[row].Vectors.AsSpan(position * dim, dim).CopyTo(vectors.AsSpan(at * dim, dim));
            }
        }
        return new EncoderInput(
            null,
            torch.tensor(vectors, [rows.Count, width, dim]),
            AttentionMask: null!,
            MaskedPositions: torch.tensor(masked, [rows.Count, width]));
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Tensor> BuildLabels(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions) =>
        OutputVocab.Select((classes, level) => Labels(rows, width, actions, r => r.Codes![level], classes)).ToArray();

    /// <summary>Batches for a model on <paramref name="device"/>, and the tokenizer's frozen network moved there (its ONNX engine replaced by libtorch's on a GPU).</summary>
    public override SequenceInputs To(Device device)
    {
        Tokenizer.To(device);
        return base.To(device);
    }

    /// <summary>Disposes the tokenizer too.</summary>
    public override void Dispose()
    {
        Tokenizer.Dispose();
        base.Dispose();
    }
}
