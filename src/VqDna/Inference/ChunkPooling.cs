using VqDna.Inputs;
using VqDna.Models.Encoder;

namespace VqDna.Inference;

/// <summary>
/// Inference's chunked pooling, shared by both classifier engines (issue 20): each row is cut into chunks of at most
/// the model's context, at most <c>chunkBatch</c> chunks are encoded at a time, and each chunk's pooled vector is
/// added to its row's weighted by its share of the row's tokens: the mean over every token of the row, what
/// <see cref="SequenceClassifier.Pooled"/> computes, with memory bounded by one chunk batch whatever the length. Under
/// max pooling the row keeps the largest of its chunks' values instead: the maximum over every token. Under mean-max
/// pooling each half of the vector is combined as its own pooling is.
/// </summary>
public static class ChunkPooling
{
    /// <summary>Most chunks encoded at a time at inference: bounds the attention scores (chunks × heads × context²).</summary>
    public const int DefaultChunkBatch = 16;

    /// <summary>
    /// (rows × width) pooled vectors, row-major, <paramref name="width"/> the pooled width (<see cref="SequencePoolingLayout.PooledWidth"/>);
    /// <paramref name="encode"/> gives (chunks × width) pooled vectors of a list of chunks, pooled as
    /// <paramref name="pooling"/> says, and the chunks of a row are combined the same way, part by part.
    /// </summary>
    public static float[] Pool(IReadOnlyList<TokenizedSequence> rows, int maxLength, int chunkBatch, int width, Func<List<TokenizedSequence>, float[]> encode,
        SequencePooling pooling = SequencePooling.Mean)
    {
        var parts = pooling.Parts();
        if (width % parts.Count != 0) throw new ArgumentException($"a {pooling.Name()} pooled width must be a multiple of {parts.Count}, not {width}", nameof(width));
        int partWidth = width / parts.Count;
        var max = new bool[width];                                                                   // per feature: combined by the largest value
        for (int d = 0; d < width; d++) max[d] = parts[d / partWidth] == SequencePooling.Max;
        bool anyMax = max.Contains(true);
        var pooled = new float[rows.Count * width];
        if (anyMax)
            for (int row = 0; row < rows.Count; row++)
                for (int d = 0; d < width; d++)
                    if (max[d]) pooled[row * width + d] = float.NegativeInfinity;
        var part = new List<(int Row, TokenizedSequence Chunk)>(chunkBatch);
        void Flush()
        {
            if (part.Count == 0) return;
            var vectors = encode(part.Select(p => p.Chunk).ToList());                              // (n, D)
            for (int c = 0; c < part.Count; c++)
            {
                var (row, chunk) = part[c];
                float weight = chunk.Length / (float)Math.Max(1, rows[row].Length);                 // as SequenceClassifier.Pooled
                var source = vectors.AsSpan(c * width, width);
                var target = pooled.AsSpan(row * width, width);
                for (int d = 0; d < width; d++)
                {
                    if (!max[d]) target[d] += weight * source[d];
                    else if (chunk.Length > 0) target[d] = Math.Max(target[d], source[d]);
                }
            }
            part.Clear();
        }
        for (int b = 0; b < rows.Count; b++)
            foreach (var chunk in rows[b].Chunks(maxLength))
            {
                part.Add((b, chunk));
                if (part.Count == chunkBatch) Flush();
            }
        Flush();
        if (anyMax)
            for (int i = 0; i < pooled.Length; i++)
                if (float.IsNegativeInfinity(pooled[i])) pooled[i] = 0;                                // a row without a token, as DnaEncoder.MaxPool
        return pooled;
    }
}
