namespace VqDna.Tokenizers.Learned;

/// <summary>
/// Consecutive positions of a tokenized sequence, handed out in order by
/// <see cref="LearnedTokenizer.Encode(VqDna.Sequences.BaseReader, Action{CodeBlock}, bool)"/>. The arrays
/// are reused for the next block: copy what must outlive the call.
/// </summary>
public sealed class CodeBlock
{
    internal CodeBlock(int levels, int dim, bool embedding)
    {
        Codes = Enumerable.Range(0, levels).Select(_ => Array.Empty<int>()).ToArray();
        Dim = dim;
        Embedding = embedding ? [] : null;
    }

    /// <summary>Position of the first code in the sequence (0-based).</summary>
    public long Start { get; internal set; }

    /// <summary>Number of positions in this block.</summary>
    public int Length { get; internal set; }

    /// <summary>
    /// Per level (level 1 first), the codes of the block in the first <see cref="Length"/> elements;
    /// <see cref="LearnedTokenizer.NCode"/> at N positions, on every level.
    /// </summary>
    public int[][] Codes { get; }

    /// <summary>The embedding, <see cref="Length"/> × dim floats row-major (zeros at N positions); null when not asked for.</summary>
    public float[]? Embedding { get; private set; }

    /// <summary>Embedding dimension.</summary>
    public int Dim { get; }

    internal void Resize(long start, int length)
    {
        Start = start;
        Length = length;
        for (int l = 0; l < Codes.Length; l++)
            if (Codes[l].Length < length) Codes[l] = new int[Math.Max(length, 2 * Codes[l].Length)];
        if (Embedding is not null && Embedding.Length < (long)length * Dim) Embedding = new float[Math.Max((long)length * Dim, 2L * Embedding.Length)];
    }
}
