using VqDna.Torch;

namespace VqDna.Models.Encoder;

/// <summary>
/// One batch for the encoder. Exactly one of <see cref="InputIds"/> (id tokenizers) and
/// <see cref="InputVectors"/> (learned tokenizers) is set, matching the model's config. The record does
/// not own its tensors: the caller disposes them.
/// </summary>
/// <param name="InputIds">(B, T) int64 token ids, [PAD] at padding.</param>
/// <param name="InputVectors">(B, T, InputDim) float32: the frozen tokenizer's code vectors, one per token.</param>
/// <param name="AttentionMask">(B, T) bool or int64: true/1 at real tokens, false/0 at padding. Padding keys
/// get no attention and are left out of the pooled mean.</param>
/// <param name="MaskedPositions">(B, T) bool, optional: positions to hide for masked modeling. Vector input:
/// they read the learned <c>mask_vector</c> instead of their projected code vector. Id input: they read
/// [MASK] (a collator may instead write [MASK] into the ids itself and leave this null).</param>
public sealed record EncoderInput(Tensor? InputIds, Tensor? InputVectors, Tensor AttentionMask, Tensor? MaskedPositions = null)
{
    /// <summary>Id input whose attention mask is ids ≠ <paramref name="padId"/> (the mask tensor is new: the caller owns it).</summary>
    public static EncoderInput FromIds(Tensor inputIds, int padId = 0, Tensor? maskedPositions = null) =>
        new(inputIds, null, inputIds.ne(padId), maskedPositions);

    /// <summary>Vector input.</summary>
    public static EncoderInput FromVectors(Tensor inputVectors, Tensor attentionMask, Tensor? maskedPositions = null) =>
        new(null, inputVectors, attentionMask, maskedPositions);
}
