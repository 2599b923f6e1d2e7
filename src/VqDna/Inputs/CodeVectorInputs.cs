using VqDna.Models.Encoder;
using VqDna.Models.Tokenizer;
using VqDna.Torch;
using VqDna.Training;

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
    public LearnedTokenizer Tokenizer { get; } = tokenizer;

    public override string Name => Tokenizer.Config.Kind;
    public override EncoderInputSpec Spec =>
        EncoderInputSpec.Vectors(Tokenizer.Config.CodeDim, Enumerable.Range(1, Tokenizer.Config.Levels).Select(Tokenizer.Config.LevelCodebookSize).ToArray());

    /// <summary>
    /// Sequences that fit one tokenizer window run together, grouped by length, in one forward pass per group;
    /// longer ones run as the tokenizer's stitched windows.
    /// </summary>
    public override IReadOnlyList<TokenizedSequence> Tokenize(IReadOnlyList<string> sequences)
    {
        int dim = Tokenizer.Config.CodeDim, levels = Tokenizer.Config.Levels;
        var result = new TokenizedSequence[sequences.Count];
        using (torch.no_grad())
        {
            var fitting = Enumerable.Range(0, sequences.Count).Where(i => sequences[i].Length > 0 && sequences[i].Length <= Tokenizer.Window);
            foreach (var group in fitting.GroupBy(i => sequences[i].Length))
                foreach (var chunk in group.Chunk(Math.Max(1, 8192 / group.Key)))
                {
                    using var scope = torch.NewDisposeScope();
                    int length = group.Key;
                    var ids = new long[(long)chunk.Length * length];
                    for (int b = 0; b < chunk.Length; b++) NucleotideIds.Encode(sequences[chunk[b]], ids.AsSpan(b * length, length));
                    var encoded = Tokenizer.Model.Encode(torch.tensor(ids, [chunk.Length, length]));
                    var vectors = encoded.Embedding.ToArray<float>();                         // (B, length, D)
                    var codes = encoded.Indices.Select(t => t.ToArray<long>()).ToArray();  // levels × (B, length)
                    for (int b = 0; b < chunk.Length; b++)
                    {
                        var rowCodes = new int[levels][];
                        for (int level = 0; level < levels; level++)
                            rowCodes[level] = codes[level].AsSpan(b * length, length).ToArray().Select(c => (int)c).ToArray();
                        result[chunk[b]] = new TokenizedSequence(null, vectors.AsSpan(b * length * dim, length * dim).ToArray(), rowCodes, length);
                    }
                }
        }
        for (int i = 0; i < sequences.Count; i++)
        {
            if (result[i] is not null) continue;
            var vectors = new float[(long)sequences[i].Length * dim];
            var codes = Tokenizer.Encode(sequences[i], (start, rows) => rows.CopyTo(vectors.AsSpan(start * dim)));
            result[i] = new TokenizedSequence(null, vectors, codes, sequences[i].Length);
        }
        return result;
    }

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

    protected override IReadOnlyList<Tensor> BuildLabels(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions) =>
        OutputVocab.Select((classes, level) => Labels(rows, width, actions, r => r.Codes![level], classes)).ToArray();

    public override void Dispose()
    {
        Tokenizer.Dispose();
        base.Dispose();
    }
}
