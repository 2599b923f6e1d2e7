using VqDna.Torch;

namespace VqDna.Models.Baselines;

/// <summary>
/// Sequences as one-hot channels (N, 4, L) for <see cref="OneHotCnn"/>: A, C, G, T are channels 0–3, an N (or any
/// other letter) is all zeros, rows shorter than the longest are zero-padded and their lengths kept.
/// </summary>
public sealed class OneHotBatch : IDisposable
{
    /// <summary>Input channels: A, C, G, T.</summary>
    public const int Channels = 4;

    private OneHotBatch(Tensor oneHot, long[] lengths) => (OneHot, Lengths) = (oneHot, lengths);

    /// <summary>(N, 4, L) float32.</summary>
    public Tensor OneHot { get; }

    /// <summary>Bases per row before padding.</summary>
    public long[] Lengths { get; }

    /// <summary>Encodes <paramref name="sequences"/>, padded to the longest and at least <paramref name="minLength"/>.</summary>
    public static OneHotBatch Of(IReadOnlyList<string> sequences, int minLength)
    {
        if (sequences.Count == 0) throw new ArgumentException("a batch needs at least one sequence", nameof(sequences));
        int length = Math.Max(minLength, sequences.Max(s => s.Length));
        var data = new float[(long)sequences.Count * Channels * length];
        for (int row = 0; row < sequences.Count; row++)
        {
            var sequence = sequences[row];
            long offset = (long)row * Channels * length;
            for (int i = 0; i < sequence.Length; i++)
            {
                int channel = sequence[i] switch { 'A' or 'a' => 0, 'C' or 'c' => 1, 'G' or 'g' => 2, 'T' or 't' => 3, _ => -1 };
                if (channel >= 0) data[offset + (long)channel * length + i] = 1f;
            }
        }
        var lengths = sequences.Select(s => (long)s.Length).ToArray();
        return new OneHotBatch(torch.tensor(data, [sequences.Count, Channels, length]), lengths);
    }

    /// <summary>
    /// (N, 1, <paramref name="positions"/>) true where a position downsampled by <paramref name="stride"/> still covers
    /// bases of its row; at least the first position of every row counts, so a row shorter than the stride is not all −∞.
    /// </summary>
    public Tensor ValidMask(long positions, long stride)
    {
        var mask = new bool[Lengths.Length * positions];
        for (int row = 0; row < Lengths.Length; row++)
        {
            long valid = Math.Clamp(Lengths[row] / stride, 1, positions);
            for (long p = 0; p < valid; p++) mask[row * positions + p] = true;
        }
        return torch.tensor(mask, [Lengths.Length, 1, positions]);
    }

    /// <summary>Frees the one-hot tensor.</summary>
    public void Dispose() => OneHot.Dispose();
}
