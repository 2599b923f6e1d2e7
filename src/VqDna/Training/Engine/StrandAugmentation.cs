using VqDna.Sequences;

namespace VqDna.Training.Engine;

/// <summary>
/// Reverse-complement augmentation: each training row is read on its reverse strand with probability ½, drawn afresh for
/// every batch (HyenaDNA's <c>rc_aug</c>; Caduceus, Schiff et al. 2024, §4). A binding site means the same on either
/// strand, and the project's TF tasks plant their motifs in either orientation, so the model sees both readings of every
/// row instead of learning each orientation from half the data. Only for tasks whose labels have no strand: a splice
/// donor read backwards looks like an acceptor, a promoter's direction is its meaning. Off unless asked for.
/// The split is addressed doubled: row i on its given strand is i, on the reverse strand i + n, so a tokenizer's cache
/// keeps both readings and a resumed run draws the same strands (seeded by (seed, batch)).
/// </summary>
public sealed class StrandAugmentation(int count, ulong seed, bool enabled)
{
    /// <summary>Whether rows are ever read reversed.</summary>
    public bool Enabled { get; } = enabled;

    /// <summary>The rows to address: <paramref name="sequences"/>, followed by their reverse complements when <see cref="Enabled"/>.</summary>
    public IReadOnlyList<string> Sequences(IReadOnlyList<string> sequences)
    {
        if (sequences.Count != count) throw new ArgumentException($"expected {count} sequences, got {sequences.Count}", nameof(sequences));
        return Enabled ? [.. sequences, .. sequences.Select(s => Nucleotides.ReverseComplement(s))] : sequences;
    }

    /// <summary>Where each row of batch <paramref name="batchIndex"/> is read in <see cref="Sequences"/>: i, or i + n when that row is reversed this time.</summary>
    public IReadOnlyList<int> Pick(int batchIndex, IReadOnlyList<int> rows)
    {
        if (!Enabled) return rows;
        // rank −2: a stream of its own, apart from the epoch orders (step −1) and the per-step seeds (rank ≥ 0).
        var random = new Random((int)(StepSeeds.Of(seed, batchIndex, rank: -2) & 0x7FFFFFFF));
        return rows.Select(i => random.Next(2) == 1 ? i + count : i).ToList();
    }
}
