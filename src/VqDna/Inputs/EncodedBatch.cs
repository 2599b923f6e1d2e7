using VqDna.Models.Encoder;
using VqDna.Torch;

namespace VqDna.Inputs;

/// <summary>A padded batch ready for the encoder, with masked-modeling labels when masking was asked for.</summary>
/// <param name="Input">Token ids or code vectors, the attention mask and, for vectors, the masked positions.</param>
/// <param name="Labels">Per output head (B, T) int64, −100 where nothing is predicted; null without masking.</param>
/// <param name="Tokens">Real (non-padding) tokens in the batch.</param>
/// <param name="Predicted">Tokens chosen for prediction.</param>
public sealed record EncodedBatch(EncoderInput Input, IReadOnlyList<Tensor>? Labels, int Tokens, int Predicted);
