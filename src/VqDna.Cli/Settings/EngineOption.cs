using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>`--engine onnx|torch`: what runs a model's forward pass, the same option on every inference verb.</summary>
internal static class EngineOption
{
    /// <param name="what">What the engine runs, for the help text ("the tokenizer's encoder").</param>
    public static Choice<InferenceEngine> Create(string what) =>
        new("--engine", $"what runs {what}: onnx (ONNX Runtime, the model exported to ONNX in memory unless the folder has model.onnx) or torch (libtorch)", InferenceDefaults.Engine);
}
