using VqDna.Models.Encoder;
using VqDna.Torch;

namespace VqDna.Inputs;

/// <summary>
/// Turns DNA into what the encoder reads, for any tokenizer: token ids for hand-made tokenizers, frozen code
/// vectors for learned ones. Pre-training, fine-tuning and prediction all go through it, so the three see
/// the same inputs, and masking for masked (code) modeling is decided here once.
/// </summary>
public abstract class SequenceInputs : IDisposable
{
    /// <summary>The label this tokenizer carries in tables: char, kmer6, 6mer, bpe, vq, hrq.</summary>
    public abstract string Name { get; }

    /// <summary>What the encoder reads (ids of a vocabulary, or code vectors) and what its masked-modeling heads predict.</summary>
    public abstract EncoderInputSpec Spec { get; }

    /// <summary>Classes of each masked-modeling head: [vocabulary] for ids, the codebook sizes per level for codes.</summary>
    public IReadOnlyList<int> OutputVocab => Spec.OutputVocab;

    /// <summary>Tokens masked together by default (k for overlapping k-mers).</summary>
    public virtual int DefaultMaskSpan => 1;

    /// <summary>Where <see cref="Batch"/> puts its tensors, and where a learned tokenizer's network runs (the CPU until <see cref="To"/>).</summary>
    public Device Device { get; private set; } = Device.CPU;

    /// <summary>
    /// Makes batches for a model on <paramref name="device"/> from now on (issue 18): they are still built on the CPU
    /// and copied there once each; a learned tokenizer's frozen network moves there too.
    /// </summary>
    public virtual SequenceInputs To(Device device)
    {
        Device = device;
        return this;
    }

    /// <summary>Tokenizes every sequence (normalised A, C, G, T, N).</summary>
    public abstract IReadOnlyList<TokenizedSequence> Tokenize(IReadOnlyList<string> sequences);

    /// <summary>
    /// Pads <paramref name="rows"/> into one batch. With <paramref name="masking"/>, chooses the tokens to predict
    /// with <paramref name="random"/> and fills the labels.
    /// </summary>
    public EncodedBatch Batch(IReadOnlyList<TokenizedSequence> rows, MaskingConfig? masking = null, Random? random = null)
    {
        if (rows.Count == 0) throw new ArgumentException("a batch needs at least one sequence", nameof(rows));
        if (masking is not null && random is null) throw new ArgumentNullException(nameof(random), "masking needs a random source");
        int batch = rows.Count, width = Math.Max(1, rows.Max(r => r.Length));
        var attention = new bool[batch * width];
        var actions = new MaskAction[batch * width];
        int tokens = 0, predicted = 0;
        for (int b = 0; b < batch; b++)
        {
            attention.AsSpan(b * width, rows[b].Length).Fill(true);
            tokens += rows[b].Length;
            if (masking is null) continue;
            var chosen = SpanMasking.Choose(rows[b].Length, masking.Span ?? DefaultMaskSpan, masking, random!);
            chosen.CopyTo(actions, b * width);
            predicted += chosen.Count(a => a != MaskAction.None);
        }
        var input = BuildInput(rows, width, actions, random);
        var attentionMask = torch.tensor(attention, [batch, width]);
        var labels = masking is null ? null : BuildLabels(rows, width, actions);
        var built = new EncodedBatch(input with { AttentionMask = attentionMask }, labels, tokens, predicted);
        return Device.is_cpu ? built : MoveTo(built, Device);
    }

    /// <summary>The batch's tensors copied to <paramref name="device"/>, the CPU ones freed at once (they were made only to be copied).</summary>
    private static EncodedBatch MoveTo(EncodedBatch batch, Device device)
    {
        Tensor? Move(Tensor? t)
        {
            if (t is null) return null;
            using (t) return t.to(device);
        }
        var input = batch.Input;
        var moved = new EncoderInput(Move(input.InputIds), Move(input.InputVectors), Move(input.AttentionMask)!, Move(input.MaskedPositions));
        return batch with { Input = moved, Labels = batch.Labels?.Select(l => Move(l)!).ToArray() };
    }

    /// <summary>The input tensors with the masking actions applied (the attention mask is added by <see cref="Batch"/>).</summary>
    protected abstract EncoderInput BuildInput(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions, Random? random);

    /// <summary>One (B, T) label tensor per head: the true token at chosen positions, −100 elsewhere.</summary>
    protected abstract IReadOnlyList<Tensor> BuildLabels(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions);

    /// <summary>Fills (B, T) labels from one int array per row; out-of-range targets (e.g. a reserved N code) are ignored.</summary>
    protected static Tensor Labels(IReadOnlyList<TokenizedSequence> rows, int width, MaskAction[] actions, Func<TokenizedSequence, int[]> targets, int classes)
    {
        var labels = new long[rows.Count * width];
        Array.Fill(labels, IgnoreIndex);
        for (int b = 0; b < rows.Count; b++)
        {
            var row = targets(rows[b]);
            for (int i = 0; i < rows[b].Length; i++)
                if (actions[b * width + i] != MaskAction.None && row[i] >= 0 && row[i] < classes) labels[b * width + i] = row[i];
        }
        return torch.tensor(labels, [rows.Count, width]);
    }

    /// <summary>The label of positions that are not predicted (PyTorch's cross-entropy default).</summary>
    public const long IgnoreIndex = -100;

    /// <summary>Releases what the inputs hold (a learned tokenizer's network); the base holds nothing.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
