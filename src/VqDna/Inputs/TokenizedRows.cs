using VqDna.IO;

namespace VqDna.Inputs;

/// <summary>
/// A fixed list of sequences tokenized at most once each (issue 16: a learned tokenizer is frozen during
/// fine-tuning, so its encoder need not run again on a row every epoch and every dev evaluation). Rows are tokenized
/// the first time a batch asks for them, in that batch, and kept while the whole split's estimated size fits
/// <see cref="BudgetBytes"/>; a split above it is tokenized per batch every time, as before, so memory stays bounded
/// whatever the split's size.
/// </summary>
public sealed class TokenizedRows
{
    private readonly SequenceInputs inputs;
    private readonly IReadOnlyList<string> sequences;
    private readonly TokenizedSequence?[]? kept;

    /// <param name="inputs">The tokenizer (frozen: a row's tokens never change).</param>
    /// <param name="sequences">The rows, addressed by index.</param>
    /// <param name="budgetBytes">The most memory the kept rows may take (0: keep nothing).</param>
    public TokenizedRows(SequenceInputs inputs, IReadOnlyList<string> sequences, long budgetBytes)
    {
        this.inputs = inputs;
        this.sequences = sequences;
        BudgetBytes = budgetBytes;
        EstimatedBytes = sequences.Sum(s => (long)s.Length) * BytesPerNucleotide(inputs.Spec);
        if (EstimatedBytes <= budgetBytes) kept = new TokenizedSequence?[sequences.Count];
    }

    /// <summary>The most memory a split's kept tokens may take by default: a quarter of what the machine has free, at most 2 GiB.</summary>
    public static long DefaultBudgetBytes() => Math.Min(2L << 30, MemoryBudget.AvailableBytes() / 4);

    /// <summary>The budget this split was given.</summary>
    public long BudgetBytes { get; }

    /// <summary>An upper bound of the split's tokens in memory (one token per nucleotide at most).</summary>
    public long EstimatedBytes { get; }

    /// <summary>True when every row is kept after its first use.</summary>
    public bool Keeps => kept is not null;

    /// <summary>Rows tokenized so far (the tokenizer's work; with <see cref="Keeps"/> at most the split's size).</summary>
    public long Tokenized { get; private set; }

    /// <summary>Number of rows.</summary>
    public int Count => sequences.Count;

    /// <summary>The tokens of rows <paramref name="indices"/>, in that order.</summary>
    public IReadOnlyList<TokenizedSequence> Get(IReadOnlyList<int> indices)
    {
        if (kept is null) return Tokenize(indices);
        var missing = indices.Where(i => kept[i] is null).Distinct().ToList();
        if (missing.Count > 0)
        {
            var fresh = Tokenize(missing);
            for (int k = 0; k < missing.Count; k++) kept[missing[k]] = fresh[k];
        }
        return indices.Select(i => kept[i]!).ToList();
    }

    /// <summary>The tokens of rows [start, start + count).</summary>
    public IReadOnlyList<TokenizedSequence> Range(int start, int count) => Get(Enumerable.Range(start, count).ToList());

    private IReadOnlyList<TokenizedSequence> Tokenize(IReadOnlyList<int> indices)
    {
        Tokenized += indices.Count;
        return inputs.Tokenize(indices.Select(i => sequences[i]).ToList());
    }

    /// <summary>
    /// Memory one nucleotide's tokens take at most: ids, one int (a token covers one nucleotide or more); code vectors,
    /// the vector's floats and one int per level; plus the arrays' headers, amortised.
    /// </summary>
    public static long BytesPerNucleotide(Models.Encoder.EncoderInputSpec spec) =>
        spec.InputDim > 0 ? 4L * spec.InputDim + 4L * spec.OutputVocab.Count() : 4;
}
