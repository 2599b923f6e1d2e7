namespace VqDna.Torch.NN;

/// <summary>A lookup table of num_embeddings vectors, N(0, 1) initialised; the padding row starts at zero.</summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    private readonly long paddingIdx;

    /// <summary>
    /// Creates the table, (<paramref name="num_embeddings"/>, <paramref name="embedding_dim"/>), N(0, 1) initialised, the
    /// <paramref name="padding_idx"/> row zeroed.
    /// </summary>
    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null)
    {
        if (padding_idx is { } p && (p < 0 || p >= num_embeddings))
            throw new ArgumentOutOfRangeException(nameof(padding_idx), padding_idx, $"must be in [0, {num_embeddings})");
        weight = RegisterParameter("weight", Init.normal_(torch.empty([num_embeddings, embedding_dim])));
        paddingIdx = padding_idx ?? -1;
        if (paddingIdx >= 0)
        {
            using var _ = torch.no_grad();
            using var row = weight.select(0, paddingIdx);
            row.zero_();
        }
    }

    /// <summary>The table, (num_embeddings, embedding_dim).</summary>
    public Tensor weight { get; }

    /// <summary>
    /// The rows of <see cref="weight"/> picked by the int64 indices in <paramref name="input"/>: shape (…, embedding_dim).
    /// </summary>
    public override Tensor Forward(Tensor input) => F.embedding(input, weight, paddingIdx);
}
