using VqDna.Models.Tokenizer;
using VqDna.Torch;

namespace VqDna.Models.Engines;

/// <summary>
/// The tokenizer's forward on libtorch: <see cref="VqTokenizerModel.Encode"/>, with the results copied into
/// buffers reused across batches. It does not own the model, which must live on <paramref name="device"/>: each
/// batch of ids is built on the CPU and copied there once, the codes and embedding come back to the CPU.
/// </summary>
public sealed class TorchTokenizerEngine(VqTokenizerModel model, Device? device = null) : ITokenizerEngine
{
    /// <summary>Where the model runs (the CPU unless given).</summary>
    public Device Device { get; } = device ?? Device.CPU;

    private long[][] _codes = Enumerable.Range(0, model.Config.Levels).Select(_ => Array.Empty<long>()).ToArray();
    private float[] _embedding = [];
    private int _size, _embeddingSize;

    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Torch;
    /// <inheritdoc/>
    public VqTokenizerConfig Config => model.Config;

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<long> nucleotides, int rows, int length, bool embedding)
    {
        int size = rows * length, d = Config.CodeDim;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        // Float32 whatever autocast the caller is under: a bf16 training step tokenizes its rows inside autocast, dev, test
        // and `predict` outside it, and bfloat16 convolutions move some codes (the test beside this fix sees it at random weights).
        using var exact = torch.autocast(Device, enabled: false);
        var encoded = model.Encode(torch.tensor(nucleotides[..size], [rows, length], device: Device));
        for (int level = 0; level < _codes.Length; level++)
        {
            if (_codes[level].Length < size) _codes[level] = new long[size];
            encoded.Indices[level].CopyTo<long>(_codes[level].AsSpan(0, size));            // (B, length)
        }
        _size = size;
        _embeddingSize = 0;
        if (!embedding) return;
        if (_embedding.Length < size * d) _embedding = new float[size * d];
        encoded.Embedding.CopyTo<float>(_embedding.AsSpan(0, size * d));                   // (B, length, D)
        _embeddingSize = size * d;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<long> Codes(int level) => _codes[level].AsSpan(0, _size);

    /// <inheritdoc/>
    public ReadOnlySpan<float> Embedding => _embedding.AsSpan(0, _embeddingSize);

    /// <summary>The model belongs to whoever made it (the tokenizer).</summary>
    public void Dispose() { }
}
