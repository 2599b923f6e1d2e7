using VqDna.Inputs;
using VqDna.Models.Encoder;
using VqDna.Models.Engines;
using VqDna.Torch;

namespace VqDna.Inference;

/// <summary>The encoder's forward on libtorch, in eval mode and without gradient (<see cref="DnaEncoder.HiddenStates"/>).</summary>
/// <param name="encoder">The encoder (the caller's; set to eval mode by the caller).</param>
/// <param name="inputs">Its tokenizer, which pads the batches.</param>
public sealed class TorchEncoderEngine(DnaEncoder encoder, SequenceInputs inputs) : IEncoderEngine
{
    /// <inheritdoc/>
    public InferenceEngine Kind => InferenceEngine.Torch;

    /// <inheritdoc/>
    public HiddenStates States(IReadOnlyList<TokenizedSequence> chunks, int layer)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var hidden = encoder.HiddenStates(inputs.Batch(chunks).Input, layer);                    // (n, c, D)
        return new HiddenStates(hidden.ToArray<float>(), (int)hidden.size(1), (int)hidden.size(2));
    }

    /// <summary>The encoder belongs to the caller.</summary>
    public void Dispose() { }
}
