namespace VqDna.Torch.Onnx;

/// <summary>
/// The ONNX versions every file we write declares. Opset 17 (ai.onnx, 2022) because it is the newest that
/// both readers we check against accept: Debian 12's python3-onnx 1.12 (onnx.checker knows opsets up to 17)
/// and ONNX Runtime 1.31 (up to 23). It is also the first with LayerNormalization as a standard operator, so
/// each of our LayerNorms is one node. GELU (a standard operator only from opset 20) is written in its exact
/// erf form, 0.5·x·(1 + erf(x/√2)), which ONNX Runtime fuses back into one kernel. IR version 8 is the one
/// ONNX 1.12 defines (files with a newer IR version fail its checker).
/// </summary>
public static class OnnxOpset
{
    /// <summary>The ai.onnx operator set version.</summary>
    public const long Version = 17;

    /// <summary>The ONNX IR (file format) version.</summary>
    public const long IrVersion = 8;

    /// <summary>The default operator domain, ai.onnx, written as the empty string.</summary>
    public const string DefaultDomain = "";
}
