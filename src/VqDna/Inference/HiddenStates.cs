namespace VqDna.Inference;

/// <summary>An encoder's states for a padded batch of chunks.</summary>
/// <param name="Values">(chunks, Length, Width) float32, row-major; rows past a chunk's own length are padding.</param>
/// <param name="Length">The padded length: the longest chunk's token count.</param>
/// <param name="Width">The encoder's width.</param>
public sealed record HiddenStates(float[] Values, int Length, int Width)
{
    /// <summary>Chunk <paramref name="index"/>'s first <paramref name="tokens"/> states (tokens × Width).</summary>
    public Span<float> Chunk(int index, int tokens) => Values.AsSpan(index * Length * Width, tokens * Width);
}
