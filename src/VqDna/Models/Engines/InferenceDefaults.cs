namespace VqDna.Models.Engines;

/// <summary>The engine `tokenize`, `predict` and the other inference commands use when none is named.</summary>
public static class InferenceDefaults
{
    /// <summary>
    /// The faster engine on bench/vq-throughput (README, "Measured"): ONNX Runtime. Both give the same codes up
    /// to near-ties; `--engine torch` keeps libtorch.
    /// </summary>
    public const InferenceEngine Engine = InferenceEngine.Onnx;
}
