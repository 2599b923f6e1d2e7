using VqDna.Inputs;
using VqDna.Models.Engines;

namespace VqDna.Inference;

/// <summary>
/// An encoder's forward at inference, for `vqdna embed`: the hidden states of a batch of chunks, each at most the
/// model's context. Chunking long sequences and pooling are the caller's (<c>ModelFolders.SequenceEmbedder</c>), so
/// both engines differ only here.
/// </summary>
public interface IEncoderEngine : IDisposable
{
    /// <summary>Which engine this is.</summary>
    InferenceEngine Kind { get; }

    /// <summary>
    /// The states after <paramref name="layer"/> blocks (0 = the embedded input, Layers = after the final LayerNorm;
    /// Hugging Face's <c>hidden_states[layer]</c>) of <paramref name="chunks"/>, padded to the longest.
    /// </summary>
    HiddenStates States(IReadOnlyList<TokenizedSequence> chunks, int layer);
}
