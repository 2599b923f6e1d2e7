using VqDna.Models.Encoder;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Inputs;

/// <summary>Token ids of a hand-made tokenizer (single nucleotide, k-mer, 6-mer, BPE) into an embedding table.</summary>
public sealed class TokenIdInputs(ITokenizer tokenizer, string name) : SequenceInputs
{
    /// <summary>The tokenizer that produces the ids.</summary>
    public ITokenizer Tokenizer { get; } = tokenizer;

    /// <inheritdoc/>
    public override string Name { get; } = name;
    /// <inheritdoc/>
    public override EncoderInputSpec Spec => EncoderInputSpec.Ids(Tokenizer.VocabSize);

    /// <summary>Overlapping k-mers share k − 1 bases with each neighbour: mask k at a time (DNABERT).</summary>
    public override int DefaultMaskSpan => Tokenizer is KmerTokenizer kmer ? kmer.K : 1;

    /// <inheritdoc/>
    public override IReadOnlyList<TokenizedSequence> Tokenize(IReadOnlyList<string> sequences)
    {
        var result = new TokenizedSequence[sequences.Count];
        Parallel.For(0, sequences.Count, i =>
        {
            var ids = Tokenizer.Encode(sequences[i]);
            result[i] = new TokenizedSequence(ids, null, null, ids.Length);
        });
        return result;
    }

    /// <inheritdoc/>
    protected override EncoderInput BuildInput(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions, Random? random)
    {
        var special = Tokenizer.Special;
        var ids = new long[rows.Count * width];
        Array.Fill(ids, special.Pad);
        int firstRegular = SpecialTokens.Count;
        for (int b = 0; b < rows.Count; b++)
        {
            var row = rows[b].Ids!;
            for (int i = 0; i < row.Length; i++)
            {
                int at = b * width + i;
                ids[at] = actions[at] switch
                {
                    MaskAction.Mask => special.Mask,
                    MaskAction.Random => random!.Next(firstRegular, Tokenizer.VocabSize),
                    _ => row[i],
                };
            }
        }
        return new EncoderInput(torch.tensor(ids, [rows.Count, width]), null, AttentionMask: null!);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Tensor> BuildLabels(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions) =>
        [Labels(rows, width, actions, r => r.Ids!, Tokenizer.VocabSize)];
}
